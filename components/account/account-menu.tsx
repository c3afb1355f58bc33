"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

type Item = { key: string; label: string } & ({ href: string } | { onSelect(): void });

/** Below sm (Tailwind's max-sm): the header shows neither who is signed in nor Sign out; the menu does. */
const NARROW = "(width < 40rem)";

/**
 * The account menu in the studio's header: Templates, Usage, API tokens, Share links and the API reference for everyone, Admin for
 * admins, Change password (accounts mode), Sign out everywhere. A menu button
 * (WAI-ARIA pattern): arrows move, Esc closes and returns focus, a click
 * outside closes. Its items are rendered only while it is open.
 */
export function AccountMenu(props: {
  t: Dictionary;
  user: string;
  isAdmin: boolean;
  canChangePassword: boolean;
  canSignOutEverywhere: boolean;
  onChangePassword(): void;
  onSignOutEverywhere(): void;
  /** On a phone: who is signed in (the menu's first line) and Sign out (its last item); null where the mode has none. */
  narrowExtras?: { signedInAs: string | null; onSignOut: (() => void) | null };
}) {
  const { t } = props;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  // Read when the menu renders open, which only a click in the browser does (never on the server).
  const narrow = open && props.narrowExtras !== undefined && window.matchMedia(NARROW).matches;
  const signOut = narrow ? props.narrowExtras?.onSignOut : null;

  const items: Item[] = [
    { key: "templates", label: t.templatesPage.title, href: "/templates" },
    { key: "usage", label: t.account.usage, href: "/usage" },
    { key: "tokens", label: t.account.tokens, href: "/tokens" },
    { key: "links", label: t.account.links, href: "/links" },
    { key: "docs", label: t.account.apiDocs, href: "/docs/api" },
    ...(props.isAdmin ? [{ key: "admin", label: t.account.admin, href: "/admin" }] : []),
    ...(props.canChangePassword ? [{ key: "password", label: t.account.changePassword, onSelect: props.onChangePassword }] : []),
    ...(props.canSignOutEverywhere ? [{ key: "everywhere", label: t.account.signOutEverywhere, onSelect: props.onSignOutEverywhere }] : []),
    ...(signOut ? [{ key: "signout", label: t.auth.signOut, onSelect: signOut }] : []),
  ];

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onMenuKey(event: React.KeyboardEvent) {
    const entries = Array.from(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(entries.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") close(false);
  }

  const itemClass =
    "block w-full rounded-md px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:text-zinc-100 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800";
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={format(t.account.menuLabel, { user: props.user })}
        title={t.account.menu}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="inline-flex items-center gap-0.5 rounded-md px-1.5 py-1 font-medium hover:bg-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-expanded:bg-zinc-200 dark:hover:bg-zinc-800 dark:aria-expanded:bg-zinc-800"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M10 2a4 4 0 1 0 0 8 4 4 0 0 0 0-8ZM3.5 16.2C4.4 13.3 7 11.5 10 11.5s5.6 1.8 6.5 4.7a1 1 0 0 1-.96 1.3H4.46a1 1 0 0 1-.96-1.3Z" />
        </svg>
        <svg aria-hidden viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
          <path d="M5.2 7.7a.75.75 0 0 1 1.06.02L10 11.6l3.74-3.88a.75.75 0 1 1 1.08 1.04l-4.28 4.44a.75.75 0 0 1-1.08 0L5.18 8.76a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t.account.menu}
          onKeyDown={onMenuKey}
          className="absolute right-0 top-full z-50 mt-1 min-w-52 rounded-xl bg-white p-1 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
        >
          {narrow && props.narrowExtras?.signedInAs && (
            <p className="border-b border-zinc-200 px-3 pt-1.5 pb-2 text-xs font-medium text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{props.narrowExtras.signedInAs}</p>
          )}
          {items.map((item) =>
            "href" in item ? (
              <a key={item.key} role="menuitem" tabIndex={-1} href={item.href} className={itemClass}>
                {item.label}
              </a>
            ) : (
              <button
                key={item.key}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={itemClass}
                onClick={() => {
                  // Focus back on the menu button first: a dialog opened next returns focus there.
                  close(true);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
