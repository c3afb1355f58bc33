"use client";
import { useEffect, useMemo, useState } from "react";
import { ApiError } from "@/lib/client/api";
import { runsApi } from "@/lib/client/runs-api";
import type { RunPreview } from "@/lib/contract-runs";
import { parseRunTable, type ParsedTable } from "@/lib/runs/table";

/** Typing pauses this long before the server is asked for the preview. */
const PREVIEW_DELAY_MS = 300;

export type PreviewState =
  | { kind: "empty" }
  | { kind: "invalid"; parsed: Extract<ParsedTable, { ok: false }> }
  | { kind: "checking" }
  | { kind: "ready"; preview: RunPreview }
  | { kind: "failed"; message: string };

/**
 * The table read here first, with the server's own parser (mistakes at once,
 * in the person's language, no request per keystroke); once it reads well,
 * the server's preview: the prompts, the price and what the run leaves.
 */
export function useRunPreview(templateId: string, blanks: readonly string[], table: string): PreviewState {
  const parsed = useMemo(() => (table.trim() ? parseRunTable(table, blanks) : undefined), [table, blanks]);
  const [answer, setAnswer] = useState<{ table: string; state: PreviewState } | null>(null);

  useEffect(() => {
    if (!parsed?.ok) return;
    let current = true;
    const timer = setTimeout(() => {
      runsApi
        .preview(templateId, table)
        .then((preview) => current && setAnswer({ table, state: { kind: "ready", preview } }))
        .catch((error: unknown) => current && setAnswer({ table, state: { kind: "failed", message: error instanceof ApiError ? error.message : String(error) } }));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [parsed, templateId, table]);

  if (!parsed) return { kind: "empty" };
  if (!parsed.ok) return { kind: "invalid", parsed };
  // An answer for an older table is not this table's.
  return answer?.table === table ? answer.state : { kind: "checking" };
}
