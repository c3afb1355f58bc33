import "server-only";
import { getConfig, type StudioConfig } from "@/lib/config";
import type { StudioDatabase } from "@/lib/db";
import { StudioError } from "@/lib/errors";

// The wrong-password throttle, for every place a password is checked (sign-in,
// the current password of a password change). Failures count per account at
// a client address (IPv6: its /64, see client-address.ts) and per address
// over all accounts, in a sliding window kept in the database, so every
// process and instance sees the same counts:
//
// - per account and address (default 5 in 15 min): guesses at the admin from
//   an office do not lock out a colleague there who types her own password,
//   and her sign-in does not wipe the count of the guesses at the admin;
// - per address (default 50): guessing one common password at many names.
//
// A check first claims its row (one step in the database), so twenty guesses
// sent at once cannot all pass the count before any is written: at most the
// limit's worth of passwords are ever compared. The row stays as the failure
// unless the password was right.

export type ThrottleLimits = StudioConfig["signInThrottle"];

/** Password mode has one password for every name: its guesses are counted under one key, not per name typed. */
export const SHARED_PASSWORD_ACCOUNT = "*";

const FAILURE_DELAY_MS = 400;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `check` (what the right password opens, undefined for a wrong one)
 * unless the account or the address is past its limit (429 with
 * Retry-After). A wrong password waits a moment longer for each failure
 * before it, then answers undefined.
 */
export async function throttledPasswordCheck<T>(input: {
  db: StudioDatabase;
  account: string;
  address: string;
  check: () => Promise<T | undefined>;
  limits?: ThrottleLimits;
  now?: number;
  delay?: (ms: number) => Promise<void>;
}): Promise<T | undefined> {
  const { db, account, address } = input;
  const limits = input.limits ?? getConfig().signInThrottle;
  const now = input.now ?? Date.now();
  const since = now - limits.windowMs;
  const claim = await db.claimLoginAttempt({ account, address, at: now, since, perAccount: limits.perAccount, perAddress: limits.perAddress });
  if (!claim.allowed) {
    throw new StudioError("rate_limited", "Too many wrong passwords from this address. Wait a few minutes and try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil((claim.retryAt - now) / 1000)),
    });
  }
  const opened = await input.check();
  if (opened !== undefined) {
    // Only this account's count at this address: a sign-in never clears the guesses at someone else.
    await db.clearLoginFailures({ account, address, olderThan: since });
    return opened;
  }
  await (input.delay ?? sleep)(FAILURE_DELAY_MS * (claim.failures + 1));
  return undefined;
}
