import "server-only";
import type { SignOutResult } from "@/lib/contract";
import type { ServiceDeps } from "@/lib/core/deps";
import { logger } from "@/lib/log";
import { mustGetUser } from "./people";

// Ending sessions and tokens: a person's own "sign out
// everywhere", an admin signing one person or everyone out. Tokens go too
// unless the caller says otherwise: a thief who holds a session can have made
// one, and a token outlives every session.

type Deps = Pick<ServiceDeps, "db">;

/** Every session of the person and, with endTokens, every API token; how many of each. */
export async function endPersonAccess(deps: Deps, input: { userId: string; endTokens: boolean }): Promise<SignOutResult> {
  const sessions = await deps.db.deleteSessionsOf(input.userId);
  const tokens = input.endTokens ? await deps.db.deleteApiTokensOf(input.userId) : 0;
  return { sessions, tokens };
}

/** An admin ends one person's sessions (and tokens). An unknown id is 404. */
export async function signOutPerson(deps: Deps, input: { userId: string; endTokens: boolean; by: string }): Promise<SignOutResult> {
  const user = await mustGetUser(deps, input.userId);
  const ended = await endPersonAccess(deps, { userId: user.id, endTokens: input.endTokens });
  logger.info({ user: user.name, by: input.by, ...ended }, "signed out by an admin");
  return ended;
}

/**
 * An admin ends everyone's sessions but the one they are using (so the page
 * they clicked on keeps working), and with endTokens everyone's tokens, their
 * own included.
 */
export async function signOutEveryone(deps: Deps, input: { keepSession?: string; endTokens: boolean; by: string }): Promise<SignOutResult> {
  const sessions = await deps.db.deleteAllSessions({ except: input.keepSession });
  const tokens = input.endTokens ? await deps.db.deleteAllApiTokens() : 0;
  logger.info({ by: input.by, sessions, tokens }, "everyone signed out by an admin");
  return { sessions, tokens };
}
