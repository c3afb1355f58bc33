"use client";
import { useRef, useState } from "react";
import useSWR from "swr";
import { alert, button, ok, section } from "@/components/ui/styles";
import type { Dictionary, Locale } from "@/lib/i18n";
import { TemplateCard, type CardOutcome } from "./template-card";
import { TEMPLATES_URL, templatesPageApi } from "./templates-client";

/**
 * The /templates page's body: every template the person sees (the team's and
 * their own private ones, by name, as GET /api/templates lists them), each
 * with what can be done with it, and one line saying what just happened.
 */
export function TemplatesPage(props: { t: Dictionary; locale: Locale; me: string }) {
  const { t } = props;
  const P = t.templatesPage;
  // The composer's Templates menu reads the same key: a change here is there too.
  const { data, error, isLoading, mutate } = useSWR(TEMPLATES_URL, templatesPageApi.list);
  const [outcome, setOutcome] = useState<CardOutcome | null>(null);
  const list = useRef<HTMLElement>(null);

  function onOutcome(next: CardOutcome) {
    setOutcome(next);
    if (next.changed) void mutate();
  }

  return (
    <section ref={list} tabIndex={-1} aria-label={P.listLabel} className="flex flex-col gap-4 focus:outline-none">
      <p role="status" className={`${ok} empty:-mb-4`}>
        {outcome?.tone === "ok" ? outcome.text : ""}
      </p>
      {outcome?.tone === "error" && (
        <p role="alert" className={alert}>
          {outcome.text}
        </p>
      )}
      {isLoading && <p className={`${section} text-sm text-zinc-600 dark:text-zinc-400`}>{P.loading}</p>}
      {error && !data && (
        <div role="alert" className={`${alert} flex flex-wrap items-center gap-3`}>
          {P.loadFailed}
          <button type="button" className={button} onClick={() => void mutate()}>
            {P.retry}
          </button>
        </div>
      )}
      {data && data.items.length === 0 && (
        <div className={`${section} flex flex-col gap-1`}>
          <p className="font-medium">{P.empty}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{P.emptyHint}</p>
        </div>
      )}
      {data && data.items.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {data.items.map((template) => (
            <li key={template.id} className="min-w-0">
              <TemplateCard t={t} locale={props.locale} me={props.me} template={template} onOutcome={onOutcome} focusAfterDelete={() => list.current} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
