import "server-only";
import { monotonicFactory } from "ulid";
import type { StudioConfig } from "@/lib/config";
import type { StudioDatabase, UserRole, UserRow } from "@/lib/db";
import { logger } from "@/lib/log";
import { hashPassword } from "./password";

// Accounts in every mode: a person named by the auth proxy, the shared
// password's sign-in, the one local user or the identity provider gets a row,
// so per-person limits, budgets and usage work the same everywhere.

const ulid = monotonicFactory();
export const newUserId = (now = Date.now()) => `usr_${ulid(now)}`;

export function newAccountRow(input: { name: string; role?: UserRole; email?: string | null; passwordHash?: string | null; now: number }): UserRow {
  return {
    id: newUserId(input.now),
    name: input.name,
    email: input.email ?? null,
    passwordHash: input.passwordHash ?? null,
    role: input.role ?? "member",
    disabled: false,
    dailyLimit: null,
    maxActive: null,
    monthlyBudget: null,
    createdAt: input.now,
    lastSeenAt: null,
    ssoSubject: null,
  };
}

/** Listed in STUDIO_ADMINS by name or (case-insensitively) by email. */
export function isListedAdmin(admins: readonly string[], person: { name: string; email?: string | null }): boolean {
  const email = person.email?.toLowerCase();
  return admins.some((entry) => entry === person.name || (email !== undefined && entry.toLowerCase() === email));
}

/**
 * The account behind a name someone else vouches for (the auth proxy, the
 * shared password, the local user): read first, so a request costs no write;
 * made on first sight. `admin`: the person is listed as one, which wins over
 * the stored role (a change of STUDIO_ADMINS applies on the next request).
 */
export async function accountNamed(db: StudioDatabase, input: { name: string; admin?: boolean; now: number }): Promise<UserRow> {
  const role: UserRole = input.admin ? "admin" : "member";
  const found = (await db.getUserByName(input.name)) ?? (await db.ensureUser(newAccountRow({ name: input.name, role, now: input.now })));
  if (input.admin && found.role !== "admin") return (await db.updateUser({ id: found.id, patch: { role: "admin" } })) ?? found;
  return found;
}

/**
 * STUDIO_ADMIN_NAME + STUDIO_ADMIN_PASSWORD make the first admin while the
 * studio has none; once any admin exists they change nothing (the password in
 * the environment is not a back door into an account whose owner changed it).
 */
export async function ensureFirstAdmin(db: StudioDatabase, auth: StudioConfig["auth"], now = Date.now()): Promise<void> {
  if (auth.mode !== "accounts" || !auth.firstAdmin) return;
  const users = await db.listUsers();
  if (users.some((user) => user.role === "admin")) return;
  const { name, password } = auth.firstAdmin;
  const passwordHash = await hashPassword(password);
  const existing = users.find((user) => user.name === name);
  if (existing) {
    // A name already in the gallery (an upgraded data dir) becomes the admin.
    await db.updateUser({ id: existing.id, patch: { role: "admin", passwordHash, disabled: false } });
  } else {
    await db.ensureUser(newAccountRow({ name, role: "admin", passwordHash, now }));
  }
  logger.info({ user: name }, "first admin account created from STUDIO_ADMIN_NAME");
}
