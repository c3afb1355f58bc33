import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { BoardStudio } from "@/components/boards/board-studio";
import { identifyForPage, signsInHere } from "@/lib/auth/identify";
import { getBoard, listBoards } from "@/lib/boards";
import { getConfig } from "@/lib/config";
import { boardIdSchema, GALLERY_PAGE_SIZE, listGenerationsQuerySchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { listGenerations } from "@/lib/generations";
import { dictionaries } from "@/lib/i18n";
import { requestLocale, requestTheme } from "@/lib/server/preferences";
import { sessionInfoOf } from "@/lib/server/session-info";
import { getDeps } from "@/lib/wiring";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false } };

/**
 * One board: the studio's gallery filtered to it, with all its filters, and
 * (for its owner or an admin) rename, team/private, share and delete. A board
 * that does not exist and someone else's private board are the same 404.
 */
export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  const config = getConfig();
  const found = await identifyForPage(new Request("http://studio.local/", { headers: await headers() }));
  if ("refused" in found) {
    if (!signsInHere(config.auth)) redirect("/unauthorized");
    redirect(found.refused === "disabled" ? "/sign-in?error=disabled" : "/sign-in");
  }
  if (!boardIdSchema.safeParse(id).success) notFound();
  const { user } = found;
  const deps = await getDeps();
  const board = await getBoard(deps, { id, viewer: user }).catch((error: unknown) => {
    if (StudioError.is(error) && error.code === "not_found") notFound();
    throw error;
  });
  // As on the studio page: the session, the board's first page and the active list go with the HTML.
  const [session, firstPage, active, boards] = await Promise.all([
    sessionInfoOf(user),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ limit: GALLERY_PAGE_SIZE, board: id }), viewer: user }),
    listGenerations(deps, { query: listGenerationsQuerySchema.parse({ status: "active", limit: 100 }), viewer: user }),
    listBoards(deps, { viewer: user }),
  ]);
  return (
    // Another board is another page: nothing typed or selected on this one carries over.
    <BoardStudio
      key={board.id}
      t={dictionaries[locale]}
      locale={locale}
      theme={theme}
      upstream={config.upstream}
      user={user.name}
      role={user.role}
      auth={config.auth.mode}
      initial={{ session, firstPage, active, boards }}
      board={board}
    />
  );
}
