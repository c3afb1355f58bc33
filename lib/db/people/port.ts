import "server-only";

// The people slice of the database: accounts, sessions, sign-in failures,
// invites, personal API tokens and the studio's settings. Times are Unix
// milliseconds.

export type UserRole = "admin" | "member";

/** A person with an account. Limits null = the studio-wide ones. */
export type UserRow = {
  id: string;
  /** Unique as written: the name generations record in createdBy. */
  name: string;
  email: string | null;
  /** argon2id (lib/auth/password.ts); null for people who sign in elsewhere (OIDC, header). */
  passwordHash: string | null;
  role: UserRole;
  /**
   * The admin role came from STUDIO_ADMINS (header and password modes):
   * taking the name off the list makes the person a member again. False
   * for a role an admin gave in the studio, which the list leaves alone.
   */
  adminByList: boolean;
  disabled: boolean;
  dailyLimit: number | null;
  maxActive: number | null;
  /** Money per calendar month, in the currency of STUDIO_PRICES. */
  monthlyBudget: number | null;
  createdAt: number;
  lastSeenAt: number | null;
  /**
   * With OIDC: the provider's issuer and subject, "<iss> <sub>" (unique). A
   * name is only what the provider calls the person today; this is who they
   * are. Null until such an account first signs in through OIDC.
   */
  ssoSubject: string | null;
};

/** A signed-in browser. The cookie holds an opaque id; only its hash is stored. */
export type SessionRow = {
  idHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  /**
   * What it was signed in with: in password mode a digest of the shared
   * password, so changing the password ends the session. Null: bound to
   * nothing beyond the account.
   */
  credential: string | null;
};

/** A one-time link that lets a person set their first password. */
export type InviteRow = {
  idHash: string;
  userId: string;
  /** The admin's name, for the record. */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
};

/** A personal API token; only the secret's SHA-256 is kept. */
export type ApiTokenRow = {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: number;
  /** Null: never expires. */
  expiresAt: number | null;
  lastUsedAt: number | null;
};

export type LoginAttemptInput = { account: string; address: string; at: number; since: number; perAccount: number; perAddress: number };
/** `failures`: the account's rows at the address before this claim. `retryAt`: when the oldest row in the way stops counting. */
export type LoginAttemptClaim = { allowed: true; failures: number } | { allowed: false; retryAt: number };

export interface PeopleStore {
  /**
   * Sign-in throttling: one row per password check that did not succeed (a
   * wrong one, or one still running), with the account it was for and the
   * client's address (IPv6: its /64). `account` left out: counts for the
   * address only (rows written before accounts were counted).
   */
  recordLoginFailure(input: { account?: string | null; address: string; at: number }): Promise<void>;
  /** An address's rows since `since`; with `account`, only that account's there. */
  countLoginFailures(input: { account?: string; address: string; since: number }): Promise<number>;
  /**
   * Before a password is checked, in one step: refused when the account has
   * `perAccount` rows at the address since `since`, or the address
   * `perAddress` over all accounts; else a row is written at once, so checks
   * running in parallel (any process, any instance) count each other. The
   * row stays as the failure unless clearLoginFailures follows a success.
   * `address` is a client address, or a known browser's key (throttle.ts
   * deviceCountKey), which only its one account is ever counted under.
   */
  claimLoginAttempt(input: LoginAttemptInput): Promise<LoginAttemptClaim>;
  /** After a right password: forgets this account's rows at this address (its claim included), and everyone's older than `olderThan`. */
  clearLoginFailures(input: { account: string; address: string; olderThan: number }): Promise<void>;

  // Accounts and sessions.
  /** Throws on a name already taken (unique). */
  insertUser(row: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  getUserByName(name: string): Promise<UserRow | undefined>;
  getUserBySsoSubject(subject: string): Promise<UserRow | undefined>;
  /**
   * Sets an account's OIDC subject if it is still `replacing` (null: not
   * linked yet); undefined when it has changed meanwhile (or the account is gone).
   */
  linkSsoSubject(input: { id: string; subject: string; replacing: string | null }): Promise<UserRow | undefined>;
  /** By name. */
  listUsers(): Promise<UserRow[]>;
  updateUser(input: { id: string; patch: Partial<Omit<UserRow, "id" | "createdAt">> }): Promise<UserRow | undefined>;
  /**
   * The account with this name, made from `row` on first sight (a person the
   * auth proxy or the identity provider names). Concurrent first sights make one.
   */
  ensureUser(row: UserRow): Promise<UserRow>;

  insertSession(row: SessionRow): Promise<void>;
  /** The session and its person, while the session has not expired at `now`. */
  getSession(input: { idHash: string; now: number }): Promise<{ session: SessionRow; user: UserRow } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a person ("sign out everywhere", a disabled account); how many. */
  deleteSessionsOf(userId: string): Promise<number>;
  /** Ends everyone's sessions but `except` (the admin's own, by id hash); how many. */
  deleteAllSessions(input: { except?: string }): Promise<number>;

  // Invites.
  insertInvite(row: InviteRow): Promise<void>;
  /**
   * Uses an invite: stamps usedAt = now and returns it, only while it is unused
   * and unexpired, atomically (two uses at once: one wins). Otherwise undefined.
   */
  takeInvite(input: { idHash: string; now: number }): Promise<InviteRow | undefined>;
  /** An unused, unexpired invite, without using it (the page that asks for a password). */
  getInvite(input: { idHash: string; now: number }): Promise<InviteRow | undefined>;
  /** An invite in any state (used, expired), so the invite page can say which. */
  findInvite(idHash: string): Promise<InviteRow | undefined>;

  // Personal API tokens.
  /**
   * Inserts the token; with `maxPerUser`, only while its person holds fewer
   * tokens than that (checked in the same transaction, so concurrent inserts
   * cannot all pass). False: refused, nothing inserted.
   */
  insertApiToken(row: ApiTokenRow, options?: { maxPerUser?: number }): Promise<boolean>;
  /** The token and its person, while the token has not expired at `now`. */
  getApiTokenByHash(input: { tokenHash: string; now: number }): Promise<{ token: ApiTokenRow; user: UserRow } | undefined>;
  /**
   * One person's tokens, or everyone's (admins), newest first (by id: ids are
   * ULIDs of their creation time), each with its person's name. Keyset pages:
   * only ids strictly before `beforeId`, at most `limit` (all without one).
   */
  listApiTokens(input: { userId?: string; beforeId?: string; limit?: number }): Promise<(ApiTokenRow & { userName: string })[]>;
  getApiToken(id: string): Promise<ApiTokenRow | undefined>;
  /** True when a token was deleted. */
  deleteApiToken(id: string): Promise<boolean>;
  touchApiToken(input: { id: string; now: number }): Promise<void>;
  /** Revokes every token of a person (a reset password, a disabled account, "sign out everywhere"); how many. */
  deleteApiTokensOf(userId: string): Promise<number>;
  /** Revokes everyone's tokens (an admin signing everyone out); how many. */
  deleteAllApiTokens(): Promise<number>;

  /**
   * A value the studio makes once and all instances share: returns the stored
   * value, or stores `candidate` when there is none yet (concurrent first calls
   * agree on one).
   */
  ensureSetting(input: { key: string; candidate: string; now: number }): Promise<string>;
  /** A setting an admin chose, or undefined while none is stored. */
  getSetting(key: string): Promise<string | undefined>;
  /** Stores a setting, replacing what was there. */
  setSetting(input: { key: string; value: string; now: number }): Promise<void>;
}
