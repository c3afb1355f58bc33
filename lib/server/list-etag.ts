import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mustSeeBoard } from "@/lib/boards/access";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";

// GET /api/generations answered conditionally: an open gallery asks every few
// seconds whether anything changed (lib/client/use-feed.ts), and when nothing
// did, the answer is a 304 with no body, made without the list query.
//
// The validator is made of marks every change a listing could show leaves
// (StudioDatabase.listingChanges, one statement of index reads): the newest
// updatedAt of any picture (an insert, and every update the gallery shows:
// progress, status, completion, a cancel, stamp it), the newest delete, the
// viewer's stars (how many, the newest: an unstar only lowers the count), and
// with ?board= that board's pictures (the same two). Around them: the viewer
// and the query string, so one list's tag never validates another list, or
// another person's view of the same one (their own stars, their own pictures).
//
// Why no change counter: every writer of a row (the poller, the queue, the
// commands, several instances) would have to bump it, or triggers on both
// engines would, and on PostgreSQL one counter row is one lock every write
// in the studio waits for. The marks cost two indexes and nothing per write.
//
// What a "newest time" alone would miss, and why it does not: two writes in
// the same millisecond with a read between them leave the same newest time,
// and so would a write whose stamp is older than one already read (an
// instance whose clock is behind, a transaction that commits a moment after
// it stamped its rows). So a tag is only made to last when its newest mark is
// SETTLE_MS old: until then every answer gets a tag of its own, which no later
// request matches, and the gallery reads the list again at its next check.
// That holds as long as the instances' clocks agree, and a write commits,
// within SETTLE_MS of its stamp (HTTP's own rule for Last-Modified, weak
// within a second of the answer, is the same idea).
//
// Not covered: a change no mark sees. Writes that change nothing a listing
// shows (lastPolledAt, notFoundCount, submittedAt) leave updatedAt alone, as
// they should; a write that changes what it shows without stamping updatedAt
// would show at the next change of anything. A 304 also skips what a list
// read does on the side: nudging the refresh of an in-progress picture on the
// page (the poller refreshes it anyway).

/** How old the newest change must be before a tag may validate a later request (see above). */
export const SETTLE_MS = 2_000;

/** Part of every tag: changed when what a listing answers changes shape, so a tag from before a deploy never validates. */
const TAG_VERSION = "list-1";

/**
 * The tag of GET /api/generations for this request, read BEFORE the list: a
 * change landing between the two is then in the list but not in the tag, and
 * the next check finds the tag changed (one read more, never one missed).
 * Someone else's private board is a 404 here too, as the list answers it.
 */
export async function listingTag(
  deps: Pick<ServiceDeps, "db" | "now">,
  input: { url: string; viewer: Pick<Person, "id">; board?: string },
): Promise<string> {
  if (input.board) await mustSeeBoard(deps.db, { id: input.board, person: input.viewer });
  const marks = await deps.db.listingChanges({ userId: input.viewer.id, boardId: input.board });
  const newest = Math.max(marks.updated ?? 0, marks.deleted ?? 0, marks.stars.newest ?? 0, marks.board?.newest ?? 0);
  // A stamp ahead of this clock (another instance's) counts as unsettled too.
  const settled = deps.now() - newest >= SETTLE_MS;
  const parts = [TAG_VERSION, input.viewer.id, new URL(input.url).search, JSON.stringify(marks), settled ? "" : randomBytes(12).toString("base64url")];
  return `"${createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32)}"`;
}

/** Whether the request's If-None-Match names this tag (weak comparison, a list, or `*`, as RFC 9110 has it). */
export function matchesTag(request: Request, tag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((entry) => entry.trim().replace(/^W\//, "") === tag);
}

/** The 304: no body, the tag again, and no more caching than the 200 allows. */
export function notModified(tag: string): Response {
  return new Response(null, { status: 304, headers: { etag: tag, "cache-control": "no-store" } });
}
