import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import type { StudioConfig } from "@/lib/config";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { accountNamed, isListedAdmin } from "./accounts";
import { DISABLED_MESSAGE } from "./identify";
import { hashPassword, needsRehash, verifyPassword } from "./password";

// Wrong passwords are slowed down per client address: every failure costs a
// moment, and past a few in the window the address must wait. The counts live
// in the database so every process (and instance) sees the same ones.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const FREE_ATTEMPTS = 5;
const FAILURE_DELAY_MS = 400;

const digest = (s: string) => createHash("sha256").update(s).digest();

// An unknown name is checked against this hash, so it costs the same argon2
// time as a known one and the answer's timing does not tell names apart.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword("decoy-password-that-no-account-has"));

type SignInAuth = Extract<StudioConfig["auth"], { mode: "password" | "accounts" }>;

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
  now?: number;
  delay?: (ms: number) => Promise<void>;
}): Promise<UserRow> {
  const { db, auth } = input;
  const now = input.now ?? Date.now();
  const since = now - THROTTLE_WINDOW_MS;
  const failures = await db.countLoginFailures({ address: input.address, since });
  if (failures >= FREE_ATTEMPTS) {
    throw new StudioError("rate_limited", "Too many wrong passwords from this address. Wait a few minutes and try again.", {
      retryAfterSeconds: Math.ceil(THROTTLE_WINDOW_MS / 1000 / 3),
    });
  }
  const user = auth.mode === "password" ? await sharedPassword(input, now) : await ownPassword(input);
  if (!user) {
    await db.recordLoginFailure({ address: input.address, at: now });
    await (input.delay ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(FAILURE_DELAY_MS * (failures + 1));
    throw new StudioError("unauthorized", auth.mode === "password" ? "Wrong password" : "Wrong name or password");
  }
  await db.clearLoginFailures({ address: input.address, olderThan: since });
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
