import "server-only";
import { randomBytes } from "node:crypto";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { hashSessionId } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/log";
import { mustGetUser } from "./people";

// An invite is a one-time link that lets a person set their own password, so
// an admin never has to know or send it. The link carries 256 random bits;
// the database keeps only their hash, and using the link stamps it used.

export const INVITE_TTL_MS = 7 * 86_400_000;
type Deps = Pick<ServiceDeps, "db" | "now">;

export async function createInvite(deps: Deps, input: { userId: string; by: UserRow }): Promise<{ url: string; expiresAt: string }> {
  const user = await mustGetUser(deps, input.userId);
  if (user.disabled) throw new StudioError("invalid_request", "Enable the account before inviting its person");
  const token = randomBytes(32).toString("base64url");
  const now = deps.now();
  await deps.db.insertInvite({ idHash: hashSessionId(token), userId: user.id, createdBy: input.by.name, createdAt: now, expiresAt: now + INVITE_TTL_MS, usedAt: null });
  logger.info({ user: user.name, by: input.by.name }, "invite created");
  return { url: `/invite/${token}`, expiresAt: new Date(now + INVITE_TTL_MS).toISOString() };
}

const GONE = "This invite link was used already or has expired. Ask an admin for a new one.";
const tokenShape = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** What the invite page shows for a link: whose it is while it can be used, else why not. */
export type InviteState = { state: "open"; name: string } | { state: "used" } | { state: "expired" } | { state: "gone" };

/**
 * For the invite page: read on the server, so a used or expired
 * link says so at once, not after a password was typed twice. "gone": no such
 * link (mistyped, or its person was removed) or a disabled person's.
 */
export async function inviteState(deps: Deps, token: string): Promise<InviteState> {
  if (!tokenShape(token)) return { state: "gone" };
  const invite = await deps.db.findInvite(hashSessionId(token));
  if (!invite) return { state: "gone" };
  if (invite.usedAt !== null) return { state: "used" };
  if (invite.expiresAt <= deps.now()) return { state: "expired" };
  const user = await deps.db.getUser(invite.userId);
  return user && !user.disabled ? { state: "open", name: user.name } : { state: "gone" };
}

/**
 * Sets the person's password from an invite, once; a second use, or an
 * expired link, is refused. An invite to someone who had a password is a
 * reset: like an admin's, it ends their sessions and revokes their API
 * tokens; the caller then starts this browser's session.
 */
export async function acceptInvite(deps: Deps, input: { token: string; password: string }): Promise<UserRow> {
  if (!tokenShape(input.token)) throw new StudioError("not_found", GONE);
  // Hashed first: the link is used up only when the password is really set.
  const passwordHash = await hashPassword(input.password);
  const invite = await deps.db.takeInvite({ idHash: hashSessionId(input.token), now: deps.now() });
  if (!invite) throw new StudioError("not_found", GONE);
  const user = await deps.db.getUser(invite.userId);
  if (!user || user.disabled) throw new StudioError("forbidden", "This account is disabled. Ask an admin of the studio to enable it.");
  const updated = await deps.db.updateUser({ id: user.id, patch: { passwordHash } });
  const [sessions, tokens] = [await deps.db.deleteSessionsOf(user.id), await deps.db.deleteApiTokensOf(user.id)];
  logger.info({ user: user.name, sessions, tokens }, "invite used");
  return updated ?? user;
}
