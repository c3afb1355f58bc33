"use client";
import { useStudio } from "@/components/studio/studio-context";
import { RadioSegments } from "@/components/ui/radio-segments";
import { useComposer } from "./composer-api";
import { FieldLabel } from "./field-alert";

const ID = "composer-count";
const COUNTS = [1, 2, 3, 4] as const;

/** How many pictures one click makes (one gateway task each). */
export function CountPicker() {
  const { t } = useStudio();
  const { count, setCount } = useComposer();
  return (
    <div className="min-w-0">
      <div className="mb-1.5">
        <FieldLabel id={`${ID}-label`}>{t.composer.countLabel}</FieldLabel>
      </div>
      <RadioSegments
        labelledBy={`${ID}-label`}
        value={count}
        onChange={setCount}
        options={COUNTS.map((n) => ({ value: n, content: <span className="tabular-nums">{n}</span> }))}
      />
    </div>
  );
}
