import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Studio } from "@/components/studio/studio";
import { identifyForPage, signsInHere } from "@/lib/auth/identify";
import { listBoards } from "@/lib/boards";
import { getConfig } from "@/lib/config";
import { GALLERY_PAGE_SIZE, listGenerationsQuerySchema } from "@/lib/contract";
import { listGenerations } from "@/lib/generations";
import { dictionaries } from "@/lib/i18n";
import { sessionInfoOf } from "@/lib/server/session-info";
import { getDeps } from "@/lib/wiring";
import { requestLocale, requestTheme } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

export default async function StudioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  const config = getConfig();
  const found = await identifyForPage(new Request("http://studio.local/", { headers: await headers() }));
  if ("refused" in found) {
    if (!signsInHere(config.auth)) redirect("/unauthorized");
    redirect(found.refused === "disabled" ? "/sign-in?error=disabled" : "/sign-in");
  }
  const { user } = found;
  // What the page would ask for first (GET /api/session, the gallery's first
  // page, the active list) goes with the HTML: thumbnails start loading before
  // any script runs, and the header and gallery never change size at hydration.
  // A reload of "Show batch" (/?batch=…) gets that batch's pictures with the HTML.
  const wanted = listGenerationsQuerySchema.shape.batch.safeParse((await searchParams).batch);
  const batch = wanted.success ? wanted.data : undefined;
  const deps = await getDeps();
  const [session, firstPage, active, boards] = await Promise.all([
    sessionInfoOf(user),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ limit: GALLERY_PAGE_SIZE, batch }), viewer: user }),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ status: "active", limit: 100 }), viewer: user }),
    listBoards(deps, { viewer: user }),
  ]);
  return (
    <Studio
      t={dictionaries[locale]}
      locale={locale}
      theme={theme}
      upstream={config.upstream}
      user={user.name}
      role={user.role}
      auth={config.auth.mode}
      initial={{ session, firstPage, active, batch, boards }}
    />
  );
}
