"use client";
import { useStudio } from "@/components/studio/studio-context";
import { RadioSegments } from "@/components/ui/radio-segments";
import { ASPECT_RATIO_LABELS, ASPECT_RATIOS, type AspectRatio } from "@/lib/models";
import { useComposer } from "./composer-api";
import { FieldLabel } from "./field-alert";

const ID = "composer-aspect";

// Outline sizes (px) of each ratio's little preview, inside a 20×20 box.
const SHAPES: Record<AspectRatio, string> = {
  auto: "h-3.5 w-3.5 border-dashed",
  "1:1": "h-3.5 w-3.5",
  "9:16": "h-[18px] w-2.5",
  "16:9": "h-2.5 w-[18px]",
};

function Shape({ ratio }: { ratio: AspectRatio }) {
  return (
    <span aria-hidden className="grid size-5 shrink-0 place-items-center">
      <span className={`rounded-[3px] border-[1.5px] border-current ${SHAPES[ratio]}`} />
    </span>
  );
}

/** Aspect ratio as a segmented radio group, each option with a preview of its shape. */
export function AspectRatioPicker() {
  const { t, locale } = useStudio();
  const { aspectRatio, setAspectRatio } = useComposer();
  return (
    <div className="min-w-0">
      <div className="mb-1.5">
        <FieldLabel id={`${ID}-label`}>{t.composer.aspectLabel}</FieldLabel>
      </div>
      <RadioSegments
        labelledBy={`${ID}-label`}
        value={aspectRatio}
        onChange={setAspectRatio}
        options={ASPECT_RATIOS.map((ratio) => ({
          value: ratio,
          label: ASPECT_RATIO_LABELS[ratio][locale],
          content: (
            <span className="flex flex-col items-center gap-0.5 py-0.5 sm:flex-row sm:gap-1.5">
              <Shape ratio={ratio} />
              <span className="text-xs sm:text-sm">{ratio === "auto" ? ASPECT_RATIO_LABELS.auto[locale] : ratio}</span>
            </span>
          ),
        }))}
      />
    </div>
  );
}
