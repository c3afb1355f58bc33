import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BoardStudio } from "@/components/boards/board-studio";
import { getBoard } from "@/lib/boards";
import { getConfig } from "@/lib/config";
import { boardIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { dictionaries } from "@/lib/i18n";
import { feedStartFor } from "@/lib/server/feed-start";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale, requestTheme } from "@/lib/server/preferences";
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
  const user = await pagePerson();
  if (!boardIdSchema.safeParse(id).success) notFound();
  const deps = await getDeps();
  const board = await getBoard(deps, { id, viewer: user }).catch((error: unknown) => {
    if (StudioError.is(error) && error.code === "not_found") notFound();
    throw error;
  });
  // As on the studio page: the session, the board's first page, the active list and the boards go with the HTML.
  const initial = await feedStartFor(user, { board: id });
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
      initial={initial}
      board={board}
    />
  );
}
