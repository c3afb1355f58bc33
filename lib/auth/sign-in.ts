import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import type { StudioConfig } from "@/lib/config";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { accountNamed, isListedAdmin } from "./accounts";
import { DISABLED_MESSAGE } from "./identify";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { SHARED_PASSWORD_ACCOUNT, throttledPasswordCheck, type ThrottleLimits } from "./throttle";

// Wrong passwords go through the throttle (throttle.ts): counted per account
// at the client's address and per address, claimed before the password is
// compared, so a burst of guesses compares at most the limit's worth. A
// browser with a device cookie for the account is counted on its own.

const digest = (s: string) => createHash("sha256").update(s).digest();

// An unknown name is checked against this hash, so it costs the same argon2
// time as a known one and the answer's timing does not tell names apart.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword("decoy-password-that-no-account-has"));

type SignInAuth = Extract<StudioConfig["auth"], { mode: "password" | "accounts" }>;

/**
 * What the throttle and the device cookie count a sign-in under: the name
 * typed (an unknown one like a known one, so the answer never tells them
 * apart), or in password mode the one shared password.
 */
export const throttleAccountOf = (auth: SignInAuth, name: string) => (auth.mode === "password" ? SHARED_PASSWORD_ACCOUNT : name);

/**
 * The account a name and password open: the shared password (password mode;
 * the name is whoever the person says, and gets an account on first sight)
 * or the person's own (accounts mode). Wrong → 401 and the throttle; right
 * but disabled → 403.
 */
export async function signIn(input: {
  db: StudioDatabase;
  auth: SignInAuth;
  name: string;
  password: string;
  address: string;
  /** A genuine device cookie's id for throttleAccountOf(auth, name), when the browser showed one. */
  device?: string;
  limits?: ThrottleLimits;
  now?: number;
  delay?: (ms: number) => Promise<void>;
}): Promise<UserRow> {
  const { db, auth } = input;
  const now = input.now ?? Date.now();
  const user = await throttledPasswordCheck({
    db,
    account: throttleAccountOf(auth, input.name),
    address: input.address,
    device: input.device,
    limits: input.limits,
    now,
    delay: input.delay,
    check: () => (auth.mode === "password" ? sharedPassword(input, now) : ownPassword(input)),
  });
  if (!user) throw new StudioError("unauthorized", auth.mode === "password" ? "Wrong password" : "Wrong name or password");
  if (user.disabled) throw new StudioError("forbidden", DISABLED_MESSAGE);
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await db.updateUser({ id: user.id, patch: { passwordHash: await hashPassword(input.password) } });
  }
  return user;
}

async function sharedPassword(input: { db: StudioDatabase; auth: SignInAuth; name: string; password: string }, now: number) {
  if (input.auth.mode !== "password") return undefined;
  // Compared as digests of equal length, in constant time.
  if (!timingSafeEqual(digest(input.password), digest(input.auth.password))) return undefined;
  return accountNamed(input.db, { name: input.name, admin: isListedAdmin(input.auth.admins, { name: input.name }), now });
}

async function ownPassword(input: { db: StudioDatabase; name: string; password: string }) {
  const user = await input.db.getUserByName(input.name);
  const ok = await verifyPassword({ hash: user?.passwordHash ?? (await decoy()), password: input.password });
  return ok && user?.passwordHash ? user : undefined;
}

/**
 * A signed-in person's current password, before it is changed: through the
 * same throttle and count as signing in as them from that address, so a
 * session left open (or stolen) is no faster way to guess it. True when right.
 */
export async function checkCurrentPassword(input: {
  db: StudioDatabase;
  user: UserRow;
  password: string;
  address: string;
  /** A genuine device cookie's id for the person's name: counted for that browser, not the address. */
  device?: string;
  limits?: ThrottleLimits;
}): Promise<boolean> {
  const { user } = input;
  const right = await throttledPasswordCheck({
    db: input.db,
    account: user.name,
    address: input.address,
    device: input.device,
    limits: input.limits,
    check: async () => (user.passwordHash !== null && (await verifyPassword({ hash: user.passwordHash, password: input.password })) ? true : undefined),
  });
  return right === true;
}
