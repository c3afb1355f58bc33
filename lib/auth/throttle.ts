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
// A browser that signed in as the account before shows it with a device
// cookie (device-cookie.ts, OWASP's "device cookies"): its attempts count on
// their own, per account and device (the same per-account limit), and
// neither read nor add to the address's counts. So guesses sprayed from an
// office address lock out new browsers there, never a colleague's known one;
// and a stolen device cookie buys only its own five guesses per window.
//
// A check first claims its row (one step in the database), so twenty guesses
// sent at once cannot all pass the count before any is written: at most the
// limit's worth of passwords are ever compared. The row stays as the failure
// unless the password was right.

export type ThrottleLimits = StudioConfig["signInThrottle"];

/** Password mode has one password for every name: its guesses are counted under one key, not per name typed. */
export const SHARED_PASSWORD_ACCOUNT = "*";

const FAILURE_DELAY_MS = 400;

/**
 * Where a known device's attempts are counted (login_failures.address). The
 * capital D keeps it apart from every client address: those are IP addresses
 * or, from a proxy, lower-cased text (client-address.ts).
 */
export const deviceCountKey = (device: string) => `Device:${device}`;

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
  /** The id of a genuine device cookie for this account (trustedDevice), when the browser showed one. */
  device?: string;
  limits?: ThrottleLimits;
  now?: number;
  delay?: (ms: number) => Promise<void>;
}): Promise<T | undefined> {
  const { db, account, address } = input;
  const limits = input.limits ?? getConfig().signInThrottle;
  const now = input.now ?? Date.now();
  const since = now - limits.windowMs;
  // A known device is counted under its own key in place of the address; only this account is ever counted there.
  const counted = input.device === undefined ? { address, perAddress: limits.perAddress } : { address: deviceCountKey(input.device), perAddress: limits.perAccount };
  const claim = await db.claimLoginAttempt({ account, address: counted.address, at: now, since, perAccount: limits.perAccount, perAddress: counted.perAddress });
  if (!claim.allowed) {
    const from = input.device === undefined ? "this address" : "this browser";
    throw new StudioError("rate_limited", `Too many wrong passwords from ${from}. Wait a few minutes and try again.`, {
      retryAfterSeconds: Math.max(1, Math.ceil((claim.retryAt - now) / 1000)),
    });
  }
  const opened = await input.check();
  if (opened !== undefined) {
    // Only this account's count at this address: a sign-in never clears the guesses at someone else.
    await db.clearLoginFailures({ account, address: counted.address, olderThan: since });
    return opened;
  }
  await (input.delay ?? sleep)(FAILURE_DELAY_MS * (claim.failures + 1));
  return undefined;
}
