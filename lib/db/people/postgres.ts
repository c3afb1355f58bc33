import "server-only";
import { count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { bytewise, withDriverErrors } from "@/lib/db/postgres/query-parts";
import { apiTokens, invites, loginFailures, sessions, studioSettings, users } from "@/lib/db/postgres/schema";
import { definedFields } from "@/lib/db/shared/row-mapping";
import { liveSession, liveToken, sessionsBut, stillLinkedTo, tokensPage, usableInvite } from "./conditions";
import { clearedLoginFailures, countAndOldest, loginAttemptDecision, loginFailuresSince } from "./login-attempts";
import type { PeopleStore, UserRow } from "./port";
import { LOCK_SPACES } from "@/lib/db/postgres/lock-spaces";

// Transactions run side by side here (READ COMMITTED), across connections and
// processes: every check-then-write is one conditional statement or holds an
// advisory lock on what it decides on.

const LOGIN_LOCK_SPACE = LOCK_SPACES.login;
const TOKEN_CAP_LOCK_SPACE = LOCK_SPACES.tokenCap;

export function postgresPeople({ db }: PostgresEngine): PeopleStore {
  const getUser = async (id: string): Promise<UserRow | undefined> => {
    const [row] = await withDriverErrors(() => db.select().from(users).where(eq(users.id, id)));
    return row;
  };
  const getUserByName = async (name: string): Promise<UserRow | undefined> => {
    const [row] = await withDriverErrors(() => db.select().from(users).where(eq(users.name, name)));
    return row;
  };

  return {
    async recordLoginFailure(input) {
      await withDriverErrors(() => db.insert(loginFailures).values({ account: input.account ?? null, address: input.address, at: input.at }));
    },

    async countLoginFailures(input) {
      return withDriverErrors(async () => {
        const [result] = await db.select({ n: count() }).from(loginFailures).where(loginFailuresSince(loginFailures, input));
        return result?.n ?? 0;
      });
    },

    async claimLoginAttempt(input) {
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          // Claims for one address, from any instance, count one after another:
          // under READ COMMITTED two could both count four and both write.
          await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_SPACE}, hashtext(${input.address}))`);
          const counted = async (account?: string) =>
            (await tx.select(countAndOldest(loginFailures)).from(loginFailures).where(loginFailuresSince(loginFailures, { ...input, account })))[0] ?? { n: 0, oldest: null };
          const decision = loginAttemptDecision(input, { account: await counted(input.account), address: await counted() });
          if (decision.allowed) await tx.insert(loginFailures).values({ account: input.account, address: input.address, at: input.at });
          return decision;
        }),
      );
    },

    async clearLoginFailures(input) {
      await withDriverErrors(() => db.delete(loginFailures).where(clearedLoginFailures(loginFailures, input)));
    },

    async insertUser(row) {
      await withDriverErrors(() => db.insert(users).values(row));
    },

    getUser,
    getUserByName,

    async getUserBySsoSubject(subject) {
      const [row] = await withDriverErrors(() => db.select().from(users).where(eq(users.ssoSubject, subject)));
      return row;
    },

    async linkSsoSubject(input) {
      const [row] = await withDriverErrors(() => db.update(users).set({ ssoSubject: input.subject }).where(stillLinkedTo(users, input)).returning());
      return row;
    },

    async listUsers() {
      // Byte order, as SQLite sorts, whatever the database's collation.
      return withDriverErrors(() => db.select().from(users).orderBy(bytewise(users.name)));
    },

    async updateUser(input) {
      const set = definedFields(input.patch);
      if (Object.keys(set).length === 0) return getUser(input.id);
      const [row] = await withDriverErrors(() => db.update(users).set(set).where(eq(users.id, input.id)).returning());
      return row;
    },

    async ensureUser(row) {
      await withDriverErrors(() => db.insert(users).values(row).onConflictDoNothing({ target: users.name }));
      return (await getUserByName(row.name))!;
    },

    async insertSession(row) {
      await withDriverErrors(() => db.insert(sessions).values(row));
    },

    async getSession(input) {
      const [found] = await withDriverErrors(() =>
        db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(liveSession(sessions, input)),
      );
      return found;
    },

    async deleteSession(idHash) {
      await withDriverErrors(() => db.delete(sessions).where(eq(sessions.idHash, idHash)));
    },

    async deleteSessionsOf(userId) {
      const deleted = await withDriverErrors(() => db.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash }));
      return deleted.length;
    },

    async deleteAllSessions(input) {
      const deleted = await withDriverErrors(() => db.delete(sessions).where(sessionsBut(sessions, input.except)).returning({ idHash: sessions.idHash }));
      return deleted.length;
    },

    async insertInvite(row) {
      await withDriverErrors(() => db.insert(invites).values(row));
    },

    async getInvite(input) {
      const [row] = await withDriverErrors(() => db.select().from(invites).where(usableInvite(invites, input)));
      return row;
    },

    async findInvite(idHash) {
      const [row] = await withDriverErrors(() => db.select().from(invites).where(eq(invites.idHash, idHash)));
      return row;
    },

    async takeInvite(input) {
      // One conditional UPDATE: a second use at the same time waits for the row
      // lock, re-checks used_at on the row as the first left it, and matches nothing.
      const [row] = await withDriverErrors(() => db.update(invites).set({ usedAt: input.now }).where(usableInvite(invites, input)).returning());
      return row;
    },

    async insertApiToken(row, options = {}) {
      const max = options.maxPerUser;
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          if (max !== undefined) {
            // The person's advisory lock (held to commit): concurrent inserts, from any instance, count one after another.
            await tx.execute(sql`select pg_advisory_xact_lock(${TOKEN_CAP_LOCK_SPACE}, hashtext(${row.userId}))`);
            const [held] = await tx.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, row.userId));
            if (Number(held?.n ?? 0) >= max) return false;
          }
          await tx.insert(apiTokens).values(row);
          return true;
        }),
      );
    },

    async getApiTokenByHash(input) {
      const [found] = await withDriverErrors(() =>
        db.select({ token: apiTokens, user: users }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(liveToken(apiTokens, input)),
      );
      return found;
    },

    async listApiTokens(input) {
      // Ids are COLLATE "C", so the order and the cursor are byte order, as in SQLite.
      return withDriverErrors(() => {
        const query = db
          .select({ ...getTableColumns(apiTokens), userName: users.name })
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .where(tokensPage(apiTokens, input))
          .orderBy(desc(apiTokens.id));
        return input.limit === undefined ? query : query.limit(input.limit);
      });
    },

    async getApiToken(id) {
      const [row] = await withDriverErrors(() => db.select().from(apiTokens).where(eq(apiTokens.id, id)));
      return row;
    },

    async deleteApiToken(id) {
      const deleted = await withDriverErrors(() => db.delete(apiTokens).where(eq(apiTokens.id, id)).returning({ id: apiTokens.id }));
      return deleted.length > 0;
    },

    async touchApiToken(input) {
      await withDriverErrors(() => db.update(apiTokens).set({ lastUsedAt: input.now }).where(eq(apiTokens.id, input.id)));
    },

    async deleteApiTokensOf(userId) {
      const deleted = await withDriverErrors(() => db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id }));
      return deleted.length;
    },

    async deleteAllApiTokens() {
      const deleted = await withDriverErrors(() => db.delete(apiTokens).returning({ id: apiTokens.id }));
      return deleted.length;
    },

    async ensureSetting(input) {
      // Insert-or-ignore, then read: a concurrent insert of the same key waits
      // for the first to commit and then does nothing, so all callers read one value.
      return withDriverErrors(async () => {
        await db.insert(studioSettings).values({ key: input.key, value: input.candidate, createdAt: input.now }).onConflictDoNothing();
        const [row] = await db.select({ value: studioSettings.value }).from(studioSettings).where(eq(studioSettings.key, input.key));
        return row!.value;
      });
    },

    async getSetting(key) {
      const [row] = await withDriverErrors(() => db.select({ value: studioSettings.value }).from(studioSettings).where(eq(studioSettings.key, key)));
      return row?.value;
    },

    async setSetting(input) {
      await withDriverErrors(() =>
        db
          .insert(studioSettings)
          .values({ key: input.key, value: input.value, createdAt: input.now })
          .onConflictDoUpdate({ target: studioSettings.key, set: { value: input.value } }),
      );
    },
  };
}
