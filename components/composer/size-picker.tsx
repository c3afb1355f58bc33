"use client";
import { useStudio } from "@/components/studio/studio-context";
import { RadioSegments } from "@/components/ui/radio-segments";
import { format } from "@/lib/i18n/format";
import { getModel, pixelDimensions } from "@/lib/models";
import { useComposer } from "./composer-api";
import { FieldLabel } from "./field-alert";

const ID = "composer-size";

/** Output size: a choice only where the model offers one; a fixed-size model says so. */
export function SizePicker() {
  const { t } = useStudio();
  const { model, imageSize, setImageSize, aspectRatio, references } = useComposer();
  const info = getModel(model)!;
  const fixed = info.sizes.length === 1;
  const { width, height } = pixelDimensions(imageSize, aspectRatio);

  return (
    <div className="min-w-0">
      <div className="mb-1.5">
        <FieldLabel id={`${ID}-label`}>{t.composer.sizeLabel}</FieldLabel>
      </div>
      {fixed ? (
        <p className="flex min-h-11 items-center gap-2 rounded-xl bg-zinc-100 px-3 text-sm ring-1 ring-inset ring-zinc-200/80 dark:bg-zinc-800/60 dark:ring-zinc-700/60">
          <span className="font-semibold text-zinc-900 dark:text-zinc-100">{imageSize}</span>
          <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">{t.composer.sizeFixed}</span>
        </p>
      ) : (
        <RadioSegments
          labelledBy={`${ID}-label`}
          value={imageSize}
          onChange={setImageSize}
          options={info.sizes.map((size) => ({ value: size, content: size }))}
        />
      )}
      <p className="mt-1 text-[11px] tabular-nums text-zinc-500 dark:text-zinc-400">
        {aspectRatio === "auto" && references.length > 0 ? t.composer.sizeFollowsReference : format(t.composer.pixels, { width, height })}
      </p>
    </div>
  );
}
