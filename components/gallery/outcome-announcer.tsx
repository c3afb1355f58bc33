"use client";
import { useEffect, useRef, useState } from "react";
import type { Generation } from "@/lib/contract";
import { failureReason } from "@/lib/client/failure-reason";
import { noticeOutcomes, outcomeText, startWatching, type Watching } from "@/lib/client/outcome-announcer";
import { useStudio } from "@/components/studio/studio-context";

/**
 * A polite live region that says when the person's pictures finish or fail
 * ("Finished: <prompt>", "Failed: <prompt>: <reason>"), once per request,
 * never for what was done when the page loaded. Visually
 * hidden: the cards already show it.
 */
export function OutcomeAnnouncer({ items }: { items: Generation[] }) {
  const { t, user } = useStudio();
  const own = items.filter((g) => g.createdBy === user);
  const watching = useRef<Watching | null>(null);
  const [said, setSaid] = useState<{ text: string; serial: number } | null>(null);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- after every render on purpose: it compares the pictures with what it last saw, and sets state only for a new outcome
  useEffect(() => {
    if (!watching.current) {
      watching.current = startWatching(own);
      return;
    }
    const next = noticeOutcomes(watching.current, own);
    watching.current = next.state;
    if (next.outcomes.length === 0) return;
    const reason = (g: Generation) => failureReason({ error: g.error, t });
    const text = next.outcomes.map((outcome) => outcomeText({ outcome, t, reason })).join(" ");
    setSaid((before) => ({ text, serial: (before?.serial ?? 0) + 1 }));
  });

  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="outcomes">
      {/* A new node each time: the same words twice are announced twice. */}
      {said && <p key={said.serial}>{said.text}</p>}
    </div>
  );
}
