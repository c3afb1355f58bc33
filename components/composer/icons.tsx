import { Svg, type IconProps } from "@/components/ui/icons";

// The icons only the composer draws, as bold as its controls (stroke 2); the
// rest come from components/ui/icons.

export const SparklesIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <path d="M12 3l1.8 4.6L18.5 9.5l-4.7 1.9L12 16l-1.8-4.6L5.5 9.5l4.7-1.9z" />
    <path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z" />
  </Svg>
);
export const ClockIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </Svg>
);
export const ImageIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <rect x="3" y="4" width="18" height="16" rx="3" />
    <circle cx="9" cy="10" r="1.8" />
    <path d="M21 16l-5-5-9 9" />
  </Svg>
);
export const TextIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <path d="M5 6h14M5 12h14M5 18h9" />
  </Svg>
);
/** A circled "!" beside a field's problem (the gallery's AlertIcon is a triangle). */
export const AlertCircleIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5h.01" />
  </Svg>
);
export const UploadIcon = (p: IconProps) => (
  <Svg strokeWidth={2} {...p}>
    <path d="M12 16V4M7 9l5-5 5 5" />
    <path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
  </Svg>
);
