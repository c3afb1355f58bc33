import type { Dictionary } from "@/lib/i18n";

/**
 * The head of the pages beside the studio (templates, usage, API tokens, share links,
 * admin, the API reference): where you are, and the way back. `signedIn`
 * false (the public API reference, read by someone not signed in): only the
 * way back, as the other pages would ask them to sign in.
 */
export function PageHeader(props: {
  t: Dictionary;
  title: string;
  intro: string;
  current: "templates" | "usage" | "tokens" | "links" | "admin" | "docs";
  isAdmin: boolean;
  signedIn?: boolean;
}) {
  const { t } = props;
  const links = [
    { key: "studio", href: "/", label: t.account.backToStudio },
    ...(props.signedIn === false
      ? []
      : [
          { key: "templates", href: "/templates", label: t.templatesPage.title },
          { key: "usage", href: "/usage", label: t.account.usage },
          { key: "tokens", href: "/tokens", label: t.account.tokens },
          { key: "links", href: "/links", label: t.account.links },
          ...(props.isAdmin ? [{ key: "admin", href: "/admin", label: t.account.admin }] : []),
        ]),
    { key: "docs", href: "/docs/api", label: t.account.apiDocs },
  ];
  return (
    <header className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex min-w-0 items-center gap-3">
        <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-gradient-to-br from-amber-400 to-rose-500 text-lg font-black text-white shadow-sm">N</span>
        <div className="min-w-0">
          <h1 className="text-xl font-bold tracking-tight">{props.title}</h1>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{props.intro}</p>
        </div>
      </div>
      <nav aria-label={t.account.pageNav} className="flex flex-wrap items-center gap-1 text-sm">
        {links.map((link) => (
          <a
            key={link.key}
            href={link.href}
            aria-current={link.key === props.current ? "page" : undefined}
            className="rounded-md px-2.5 py-1.5 font-medium text-zinc-700 hover:bg-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
          >
            {link.key === "studio" ? <span aria-hidden>← </span> : null}
            {link.label}
          </a>
        ))}
      </nav>
    </header>
  );
}
