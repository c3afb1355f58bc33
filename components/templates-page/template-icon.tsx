import { Svg, type IconProps } from "@/components/ui/icons";

/** Save as template: a page with a bookmark, drawn like the other icons (components/ui/icons.tsx). */
export function TemplateIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 3h9l3 3v15H6z" />
      <path d="M10 3v6l2-1.5L14 9V3" />
      <path d="M9 14h6M9 17h4" />
    </Svg>
  );
}
