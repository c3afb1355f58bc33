/**
 * A picture's progress as a bar a screen reader reads (its status in words
 * as the value's text). At least a sliver shows, so a task at 0 % is seen to
 * be there. `track`: the bar's own classes (its size and colour on the
 * surface it sits on).
 */
export function ProgressBar(props: { label: string; progress: number; valueText: string; track: string; pulse?: boolean }) {
  return (
    <div
      role="progressbar"
      aria-label={props.label}
      aria-valuenow={props.progress}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuetext={props.valueText}
      className={`h-1.5 overflow-hidden rounded-full ${props.track}`}
    >
      <div
        className={`h-full rounded-full bg-gradient-to-r from-amber-400 to-rose-500 transition-[width] duration-700 ease-out ${props.pulse ? "animate-pulse" : ""}`}
        style={{ width: `${Math.max(props.progress, 4)}%` }}
      />
    </div>
  );
}
