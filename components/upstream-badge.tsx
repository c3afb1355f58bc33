import type { Dictionary } from "@/lib/i18n";

// Says plainly which upstream the studio talks to, so placeholder art is never
// mistaken for the real thing. A little tighter on a phone, where it shares the
// header's first row with the title and the account menu.
export function UpstreamBadge({ upstream, t }: { upstream: "demo" | "gateway"; t: Dictionary }) {
  const demo = upstream === "demo";
  return (
    <span
      role="status"
      title={demo ? t.common.upstreamDemoHint : t.common.upstreamGatewayHint}
      data-upstream={upstream}
      className={
        demo
          ? "inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-3 py-1 max-sm:gap-1 max-sm:px-2 text-xs font-semibold text-amber-900 ring-1 ring-amber-300 dark:bg-amber-900/40 dark:text-amber-200 dark:ring-amber-700"
          : "inline-flex items-center gap-1.5 rounded-full bg-emerald-100 px-3 py-1 max-sm:gap-1 max-sm:px-2 text-xs font-semibold text-emerald-900 ring-1 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700"
      }
    >
      <span aria-hidden className={demo ? "size-2 rounded-full bg-amber-500" : "size-2 rounded-full bg-emerald-500"} />
      {demo ? t.common.upstreamDemo : t.common.upstreamGateway}
    </span>
  );
}
