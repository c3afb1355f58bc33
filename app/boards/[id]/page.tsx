import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BoardStudio } from "@/components/pages/board-studio";
import { getBoard } from "@/lib/boards";
import { boardIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { pageFiltersOf } from "@/lib/server/page-filters";
import { pagePerson } from "@/lib/server/page-person";
import { addressOf, openablePicture, studioProps } from "@/lib/server/studio-page";
import { getDeps } from "@/lib/wiring";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false } };

/**
 * One board: the studio's gallery filtered to it, with all its filters (in
 * the address's query, as on /; ?p=<picture id> opens the viewer), and
 * (for its owner or an admin) rename, team/private, share and delete. A board
 * that does not exist and someone else's private board are the same 404.
 */
export default async function BoardPage(props: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ id }, query] = await Promise.all([props.params, props.searchParams]);
  const user = await pagePerson(addressOf(`/boards/${encodeURIComponent(id)}`, query));
  if (!boardIdSchema.safeParse(id).success) notFound();
  const deps = await getDeps();
  const board = await getBoard(deps, { id, viewer: user }).catch((error: unknown) => {
    if (StudioError.is(error) && error.code === "not_found") notFound();
    throw error;
  });
  // As on the studio page: the session, the board's first page under the address's filters, the
  // active list and the boards go with the HTML; so does the picture ?p= opens in the viewer.
  const asked = typeof query.p === "string" ? query.p : undefined;
  const [studio, picture] = await Promise.all([studioProps(user, { ...pageFiltersOf(query), board: id }), asked ? openablePicture(user, asked) : null]);
  return (
    // Another board is another page: nothing typed or selected on this one carries over.
    <BoardStudio key={board.id} {...studio} board={board} picture={picture ?? undefined} pictureMissing={Boolean(asked && !picture)} />
  );
}
