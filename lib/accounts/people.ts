import "server-only";
import type { User } from "@/lib/contract";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { currentPrices, spendOf, startOfUtcMonth } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import { isListedAdmin, newAccountRow } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/log";

// What admins do with people: list them with this month's
// pictures and spend, add them, change their role, limits and state.

type Deps = Pick<ServiceDeps, "db" | "config" | "now">;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toUser(row: UserRow, month?: { pictures: number; cost: number }): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: row.disabled,
    dailyLimit: row.dailyLimit,
    maxActive: row.maxActive,
    monthlyBudget: row.monthlyBudget,
    hasPassword: row.passwordHash !== null,
    createdAt: iso(row.createdAt)!,
    lastSeenAt: iso(row.lastSeenAt),
    ...(month ? { month } : {}),
  };
}

/** Everyone, by name, with this month's completed pictures and spend (one grouped query). */
export async function listPeople(deps: Deps): Promise<User[]> {
  const now = deps.now();
  const [rows, groups, { prices }] = await Promise.all([
    deps.db.listUsers(),
    deps.db.usageGroups({ from: startOfUtcMonth(now), to: now + 1, groupBy: "user" }),
    currentPrices(deps),
  ]);
  return rows.map((row) => {
    const mine = groups.filter((g) => g.key === row.name);
    return toUser(row, { pictures: mine.reduce((n, g) => n + g.completed, 0), cost: spendOf(mine, prices) });
  });
}

export async function mustGetUser(deps: Pick<Deps, "db">, id: string): Promise<UserRow> {
  const row = /^usr_[0-9A-Za-z]{1,40}$/.test(id) ? await deps.db.getUser(id) : undefined;
  if (!row) throw new StudioError("not_found", "There is no person with this id");
  return row;
}

/** A new account; without a password it waits for its invite. A name already taken is 409-like 400. */
export async function addPerson(deps: Deps, input: { name: string; password?: string; role: UserRow["role"]; by: string }): Promise<User> {
  if (await deps.db.getUserByName(input.name)) throw new StudioError("invalid_request", `The name "${input.name}" is taken`);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = newAccountRow({ name: input.name, role: input.role, passwordHash, now: deps.now() });
  try {
    await deps.db.insertUser(row);
  } catch {
    // Two admins adding the same name at once: the unique index decides.
    throw new StudioError("invalid_request", `The name "${input.name}" is taken`);
  }
  logger.info({ user: row.name, role: row.role, by: input.by }, "account added");
  return toUser(row);
}

export type PersonPatch = Partial<Pick<UserRow, "role" | "disabled" | "dailyLimit" | "maxActive" | "monthlyBudget">> & { password?: string };

/**
 * Changes a person. A reset password ends the person's sessions and revokes
 * their API tokens at once; a disable revokes the tokens at once
 * (enabling the account again brings none back) and ends each session at its
 * next request, which answers 403 with the reason so the browser can say so
 * (lib/auth/sessions.ts). A role given here is the
 * studio's, not STUDIO_ADMINS' (adminByList false), so the list leaves it
 * alone; `adminList` (header and password modes) names whom the list makes
 * admin, and demoting one of them here is refused, as their next request
 * would undo it. The studio never loses its last enabled admin.
 */
export async function changePerson(deps: Deps, input: { id: string; patch: PersonPatch; by: UserRow; adminList?: readonly string[] }): Promise<User> {
  const row = await mustGetUser(deps, input.id);
  const { password, ...fields } = input.patch;
  const listed = input.adminList !== undefined && isListedAdmin(input.adminList, row);
  if (fields.role === "member" && listed) {
    throw new StudioError("invalid_request", `${row.name} is named in STUDIO_ADMINS, which makes them an admin on every request: take the name out of STUDIO_ADMINS instead`);
  }
  const losesAdmin = row.role === "admin" && !row.disabled && (fields.role === "member" || fields.disabled === true);
  if (losesAdmin) {
    const admins = (await deps.db.listUsers()).filter((u) => u.role === "admin" && !u.disabled);
    if (admins.length <= 1) throw new StudioError("invalid_request", "The studio needs at least one admin: make someone else an admin first");
  }
  const passwordHash = password ? await hashPassword(password) : undefined;
  // A role chosen here is the studio's; a listed person's stays the list's.
  const roleSource = fields.role !== undefined && !listed ? { adminByList: false } : {};
  const updated = await deps.db.updateUser({ id: row.id, patch: { ...fields, ...roleSource, passwordHash } });
  if (!updated) throw new StudioError("not_found", "There is no person with this id");
  if (passwordHash || fields.disabled === true) {
    const sessions = passwordHash ? await deps.db.deleteSessionsOf(row.id) : 0;
    const tokens = await deps.db.deleteApiTokensOf(row.id);
    logger.info({ user: row.name, by: input.by.name, sessions, tokens }, "sessions and tokens ended");
  }
  logger.info({ user: row.name, by: input.by.name, changed: Object.keys(input.patch) }, "account changed");
  return toUser(updated);
}
