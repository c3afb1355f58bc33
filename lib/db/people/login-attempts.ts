import "server-only";
import { and, eq, gte, lt, or, sql, type Column, type SQL } from "drizzle-orm";
import type { LoginAttemptClaim, LoginAttemptInput } from "./port";

// The rule of claimLoginAttempt, the same on both engines. Each engine reads
// the two counts under its own lock (SQLite's one writer, a PostgreSQL
// advisory lock on the address) and writes the claim only when this allows it.

export type LoginCounts = {
  /** This account's rows at this address in the window, and the oldest one's time. */
  account: { n: number; oldest: number | null };
  /** Every account's rows at this address in the window. */
  address: { n: number; oldest: number | null };
};

export function loginAttemptDecision(input: LoginAttemptInput, counts: LoginCounts): LoginAttemptClaim {
  // A row counts while its time is at or after `since`, so it stops counting
  // one millisecond after it is a whole window old.
  // (With more rows than the limit, after a limit was lowered, the answer is early: a hint, not a promise.)
  const window = input.at - input.since;
  const blocked = [
    counts.account.n >= input.perAccount ? counts.account : undefined,
    counts.address.n >= input.perAddress ? counts.address : undefined,
  ].filter((c) => c !== undefined);
  if (blocked.length === 0) return { allowed: true, failures: counts.account.n };
  return { allowed: false, retryAt: Math.max(...blocked.map((c) => (c.oldest ?? input.since) + window + 1)) };
}

type LoginFailuresTable = {
  account: Column;
  address: Column;
  at: Column;
};

/** Rows of one address since a time; with `account`, that account's only. */
export function loginFailuresSince(t: LoginFailuresTable, input: { account?: string; address: string; since: number }): SQL | undefined {
  return and(eq(t.address, input.address), gte(t.at, input.since), input.account === undefined ? undefined : eq(t.account, input.account));
}

/** What clearLoginFailures deletes: the account's rows at the address, and everyone's older than the cut-off. */
export function clearedLoginFailures(t: LoginFailuresTable, input: { account: string; address: string; olderThan: number }): SQL | undefined {
  return or(and(eq(t.account, input.account), eq(t.address, input.address)), lt(t.at, input.olderThan));
}

/** count(*) and min(at) of the rows a condition picks, for loginAttemptDecision. */
export const countAndOldest = (t: LoginFailuresTable) => ({ n: sql<number>`count(*)`.mapWith(Number), oldest: sql<number | null>`min(${t.at})`.mapWith(Number) });
