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
    adminByList: false,
    disabled: false,
    dailyLimit: null,
    maxActive: null,
    monthlyBudget: null,
    createdAt: input.now,
    lastSeenAt: null,
    ssoSubject: null,
  };
}

/** The names STUDIO_ADMINS makes admin and takes back (header and password modes); undefined where it only promotes (oidc) or does not apply. */
export function adminListOf(auth: StudioConfig["auth"]): readonly string[] | undefined {
  return auth.mode === "header" || auth.mode === "password" ? auth.admins : undefined;
}

/** Listed in STUDIO_ADMINS by name or (case-insensitively) by email. */
export function isListedAdmin(admins: readonly string[], person: { name: string; email?: string | null }): boolean {
  const email = person.email?.toLowerCase();
  return admins.some((entry) => entry === person.name || (email !== undefined && entry.toLowerCase() === email));
}

/**
 * The account behind a name someone else vouches for (the auth proxy, the
 * shared password, the local user): read first, so a request costs no write;
 * made on first sight. `admin`: whether the person is listed as one; the list
 * then decides the role (see roleFromList), and a change of STUDIO_ADMINS
 * applies on the next request.
 */
export async function accountNamed(db: StudioDatabase, input: { name: string; admin?: boolean; now: number }): Promise<UserRow> {
  const role: UserRole = input.admin ? "admin" : "member";
  const found =
    (await db.getUserByName(input.name)) ??
    (await db.ensureUser({ ...newAccountRow({ name: input.name, role, now: input.now }), adminByList: input.admin === true }));
  return input.admin === undefined ? found : roleFromList(db, found, input.admin);
}

/**
 * STUDIO_ADMINS wins (header and password modes): a listed person
 * is an admin, and the list's; someone the list made admin (adminByList) who
 * is no longer on it is a member again. A person an admin made admin in the
 * studio was never the list's, so the list leaves them alone. Writes only on
 * a change; two requests at once write the same thing.
 */
export async function roleFromList(db: StudioDatabase, user: UserRow, listed: boolean): Promise<UserRow> {
  if (listed) {
    if (user.role === "admin" && user.adminByList) return user;
    return (await db.updateUser({ id: user.id, patch: { role: "admin", adminByList: true } })) ?? user;
  }
  if (user.role !== "admin" || !user.adminByList) return user;
  logger.info({ user: user.name }, "admin role ended: no longer in STUDIO_ADMINS");
  return (await db.updateUser({ id: user.id, patch: { role: "member", adminByList: false } })) ?? user;
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
