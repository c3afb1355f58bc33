"use client";
import { useEffect, useRef, useState } from "react";
import { formatWhen } from "@/lib/client/money";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { button, primary } from "@/components/ui/styles";

/** A new invite link, shown once: copy it now and send it. */
export function InviteLink(props: { t: Dictionary; locale: Locale; name: string; url: string; expiresAt: string; onDone(): void }) {
  const { t } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const absolute = typeof window === "undefined" ? props.url : new URL(props.url, window.location.origin).toString();

  useEffect(() => heading.current?.focus(), [props.url]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(absolute);
      setCopied("yes");
    } catch {
      // No clipboard (an http:// origin that is not localhost): select it for Ctrl+C.
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="invite-link-heading" className="rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-300 sm:p-5 dark:bg-amber-500/10 dark:ring-amber-500/40">
      <h2 id="invite-link-heading" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
        {format(t.admin.inviteHeading, { name: props.name })}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{format(t.admin.inviteOnce, { name: props.name, date: formatWhen(props.expiresAt, props.locale) })}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label className="sr-only" htmlFor="invite-link-url">
          {t.admin.inviteLinkLabel}
        </label>
        <input
          ref={field}
          id="invite-link-url"
          readOnly
          value={absolute}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="button" className={primary} onClick={() => void copy()}>
          {copied === "yes" ? t.admin.copied : t.admin.copy}
        </button>
        <button type="button" className={button} onClick={props.onDone}>
          {t.admin.dismiss}
        </button>
      </div>
      <p role="status" className="mt-2 text-xs text-zinc-700 dark:text-zinc-300">
        {copied === "yes" ? t.admin.copied : copied === "failed" ? t.admin.copyFailed : ""}
      </p>
    </section>
  );
}
