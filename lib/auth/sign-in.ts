import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import type { StudioConfig } from "@/lib/config";
import type { StudioDatabase } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { sealSession } from "./session";

// Wrong passwords are slowed down per client address: every failure costs a
// moment, and past a few in the window the address must wait. The counts live
// in the database so every process (and instance) sees the same ones.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const FREE_ATTEMPTS = 5;
const FAILURE_DELAY_MS = 400;

const digest = (s: string) => createHash("sha256").update(s).digest();

export async function signIn(input: {
  db: StudioDatabase;
  auth: Extract<StudioConfig["auth"], { mode: "password" }>;
  name: string;
  password: string;
  address: string;
  now?: number;
  delay?: (ms: number) => Promise<void>;
}): Promise<{ sealed: string; maxAgeSeconds: number }> {
  const now = input.now ?? Date.now();
  const since = now - THROTTLE_WINDOW_MS;
  const failures = await input.db.countLoginFailures({ address: input.address, since });
  if (failures >= FREE_ATTEMPTS) {
    throw new StudioError("rate_limited", "Too many wrong passwords from this address. Wait a few minutes and try again.", {
      retryAfterSeconds: Math.ceil(THROTTLE_WINDOW_MS / 1000 / 3),
    });
  }
  // Compared as digests of equal length, in constant time.
  if (!timingSafeEqual(digest(input.password), digest(input.auth.password))) {
    await input.db.recordLoginFailure({ address: input.address, at: now });
    await (input.delay ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(FAILURE_DELAY_MS * (failures + 1));
    throw new StudioError("unauthorized", "Wrong password");
  }
  await input.db.clearLoginFailures({ address: input.address, olderThan: since });
  const maxAgeSeconds = input.auth.sessionDays * 86_400;
  const sealed = await sealSession({ user: input.name, secret: input.auth.sessionSecret, ttlSeconds: maxAgeSeconds, now });
  return { sealed, maxAgeSeconds };
}
