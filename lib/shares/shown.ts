import "server-only";
import type { GenerationRow, UserRow } from "@/lib/db";

// What a link may show: never a picture its maker could not share
// alone. Sharing one picture takes its creator or an admin, so a board link
// made by a member shows only the pictures of the board that member made, and
// an admin's shows them all. The maker's role is read each time the link is
// opened, not when it was made: an admin who is demoted stops publishing
// others' pictures at once, and shows them again if made an admin again.

/** The creator a maker's board link is limited to (a person's name, as generations record it), or undefined for all. */
export const shownCreator = (maker: Pick<UserRow, "name" | "role">): string | undefined => (maker.role === "admin" ? undefined : maker.name);

/** Whether a link by this maker may show this picture. */
export const makerMayShow = (maker: Pick<UserRow, "name" | "role">, row: Pick<GenerationRow, "createdBy">) =>
  maker.role === "admin" || row.createdBy === maker.name;
