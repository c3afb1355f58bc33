import "server-only";
import { asc, count, desc, eq, getTableColumns } from "drizzle-orm";
import { definedFields } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { WRITE } from "@/lib/db/sqlite/query-parts";
import { apiTokens, invites, loginFailures, sessions, studioSettings, users } from "@/lib/db/sqlite/schema";
import { liveSession, liveToken, sessionsBut, stillLinkedTo, tokensPage, usableInvite } from "./conditions";
import { clearedLoginFailures, countAndOldest, loginAttemptDecision, loginFailuresSince } from "./login-attempts";
import type { PeopleStore, UserRow } from "./port";

// SQLite runs one writer at a time: a check-then-write is one write
// transaction (BEGIN IMMEDIATE), and other processes' writes wait for it.

export function sqlitePeople({ db }: SqliteEngine): PeopleStore {
  const getUser = async (id: string): Promise<UserRow | undefined> => db.select().from(users).where(eq(users.id, id)).get();
  const getUserByName = async (name: string): Promise<UserRow | undefined> => db.select().from(users).where(eq(users.name, name)).get();

  return {
    async recordLoginFailure(input) {
      db.insert(loginFailures).values({ account: input.account ?? null, address: input.address, at: input.at }).run();
    },

    async countLoginFailures(input) {
      const result = db.select({ n: count() }).from(loginFailures).where(loginFailuresSince(loginFailures, input)).get();
      return result?.n ?? 0;
    },

    async claimLoginAttempt(input) {
      // One write transaction (BEGIN IMMEDIATE): other processes' claims wait for it.
      return db.transaction((tx) => {
        const counted = (account?: string) =>
          tx.select(countAndOldest(loginFailures)).from(loginFailures).where(loginFailuresSince(loginFailures, { ...input, account })).get() ?? { n: 0, oldest: null };
        const decision = loginAttemptDecision(input, { account: counted(input.account), address: counted() });
        if (decision.allowed) tx.insert(loginFailures).values({ account: input.account, address: input.address, at: input.at }).run();
        return decision;
      }, WRITE);
    },

    async clearLoginFailures(input) {
      db.delete(loginFailures).where(clearedLoginFailures(loginFailures, input)).run();
    },

    async insertUser(row) {
      db.insert(users).values(row).run();
    },

    getUser,
    getUserByName,

    async getUserBySsoSubject(subject) {
      return db.select().from(users).where(eq(users.ssoSubject, subject)).get();
    },

    async linkSsoSubject(input) {
      return db.update(users).set({ ssoSubject: input.subject }).where(stillLinkedTo(users, input)).returning().get();
    },

    async listUsers() {
      return db.select().from(users).orderBy(asc(users.name)).all();
    },

    async updateUser(input) {
      const set = definedFields(input.patch);
      if (Object.keys(set).length === 0) return getUser(input.id);
      return db.update(users).set(set).where(eq(users.id, input.id)).returning().get();
    },

    async ensureUser(row) {
      db.insert(users).values(row).onConflictDoNothing({ target: users.name }).run();
      return (await getUserByName(row.name))!;
    },

    async insertSession(row) {
      db.insert(sessions).values(row).run();
    },

    async getSession(input) {
      return db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(liveSession(sessions, input)).get();
    },

    async deleteSession(idHash) {
      db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    },

    async deleteSessionsOf(userId) {
      return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
    },

    async deleteAllSessions(input) {
      return db.delete(sessions).where(sessionsBut(sessions, input.except)).run().changes;
    },

    async insertInvite(row) {
      db.insert(invites).values(row).run();
    },

    async getInvite(input) {
      return db.select().from(invites).where(usableInvite(invites, input)).get();
    },

    async findInvite(idHash) {
      return db.select().from(invites).where(eq(invites.idHash, idHash)).get();
    },

    async takeInvite(input) {
      // One conditional UPDATE: of two uses at once, the second finds used_at set.
      return db.update(invites).set({ usedAt: input.now }).where(usableInvite(invites, input)).returning().get();
    },

    async insertApiToken(row, options = {}) {
      const max = options.maxPerUser;
      // One writer at a time (BEGIN IMMEDIATE): the count cannot go stale before the insert.
      return db.transaction((tx) => {
        if (max !== undefined) {
          const held = tx.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, row.userId)).get()!.n;
          if (held >= max) return false;
        }
        tx.insert(apiTokens).values(row).run();
        return true;
      }, WRITE);
    },

    async getApiTokenByHash(input) {
      return db.select({ token: apiTokens, user: users }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(liveToken(apiTokens, input)).get();
    },

    async listApiTokens(input) {
      const query = db
        .select({ ...getTableColumns(apiTokens), userName: users.name })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(tokensPage(apiTokens, input))
        .orderBy(desc(apiTokens.id));
      return (input.limit === undefined ? query : query.limit(input.limit)).all();
    },

    async getApiToken(id) {
      return db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    },

    async deleteApiToken(id) {
      return db.delete(apiTokens).where(eq(apiTokens.id, id)).run().changes > 0;
    },

    async touchApiToken(input) {
      db.update(apiTokens).set({ lastUsedAt: input.now }).where(eq(apiTokens.id, input.id)).run();
    },

    async deleteApiTokensOf(userId) {
      return db.delete(apiTokens).where(eq(apiTokens.userId, userId)).run().changes;
    },

    async deleteAllApiTokens() {
      return db.delete(apiTokens).run().changes;
    },

    async ensureSetting(input) {
      // Insert-or-ignore, then read: whoever inserted first decides the value.
      db.insert(studioSettings).values({ key: input.key, value: input.candidate, createdAt: input.now }).onConflictDoNothing().run();
      return db.select({ value: studioSettings.value }).from(studioSettings).where(eq(studioSettings.key, input.key)).get()!.value;
    },

    async getSetting(key) {
      return db.select({ value: studioSettings.value }).from(studioSettings).where(eq(studioSettings.key, key)).get()?.value;
    },

    async setSetting(input) {
      db.insert(studioSettings)
        .values({ key: input.key, value: input.value, createdAt: input.now })
        .onConflictDoUpdate({ target: studioSettings.key, set: { value: input.value } })
        .run();
    },
  };
}
