import "server-only";
import type { ApiToken, ApiTokenPage } from "@/lib/contract";
import type { ApiTokenRow, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { createApiToken, effectiveExpiry, TokenCapReached, tokenMaxDays } from "@/lib/auth/api-tokens";
import { logger } from "@/lib/log";

// Personal API tokens: each person makes and revokes their own;
// admins also see and revoke everyone's. The secret leaves the server once,
// in the answer to the create; logs name the token's id, never the secret.
// Only from a signed-in browser (the routes refuse tokens), at most
// `maxPerUser` per person, and never longer-lived than the admins allow.

type Deps = Pick<ServiceDeps, "db" | "now">;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A token as the API shows it; `maxDays`: its expiry is the effective one (see effectiveExpiry). */
export function toApiToken(row: ApiTokenRow, userName: string, maxDays?: number): ApiToken {
  return {
    id: row.id,
    name: row.name,
    user: userName,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(maxDays === undefined ? row.expiresAt : effectiveExpiry(row, maxDays)),
    lastUsedAt: iso(row.lastUsedAt),
  };
}

/**
 * A new token for the viewer. No expiry, or one past the admins' maximum,
 * gets the maximum (the answer's expiresAt says so): a script asking for
 * "never" still gets a working token, and nothing outlives the rule. Past
 * `maxPerUser` tokens: 429 naming the cap.
 */
export async function issueToken(
  deps: Deps,
  input: { viewer: UserRow; name: string; expiresInDays: number | null; maxPerUser: number },
): Promise<ApiToken & { token: string }> {
  const maxDays = await tokenMaxDays(deps.db);
  try {
    const { row, token } = await createApiToken({ db: deps.db, user: input.viewer, name: input.name, expiresInDays: input.expiresInDays, now: deps.now(), maxDays, maxPerUser: input.maxPerUser });
    logger.info({ user: input.viewer.name, tokenId: row.id }, "api token created");
    return { ...toApiToken(row, input.viewer.name), token };
  } catch (error) {
    if (!(error instanceof TokenCapReached)) throw error;
    throw new StudioError(
      "quota_exceeded",
      `You have ${input.maxPerUser} API tokens, the most one person may have (STUDIO_MAX_TOKENS): revoke one you no longer use first`,
    );
  }
}

/** The viewer's own tokens, or everyone's (admins only), newest first, in keyset pages. */
export async function listTokens(deps: Deps, input: { viewer: UserRow; all: boolean; cursor?: string; limit: number }): Promise<ApiTokenPage> {
  if (input.all && input.viewer.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can see everyone's tokens");
  const [rows, maxDays] = await Promise.all([
    deps.db.listApiTokens({ ...(input.all ? {} : { userId: input.viewer.id }), beforeId: input.cursor, limit: input.limit + 1 }),
    tokenMaxDays(deps.db),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => toApiToken(row, row.userName, maxDays)),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** Revokes a token: one's own, or anyone's for an admin. Someone else's is "not found", so ids tell nothing. */
export async function revokeToken(deps: Deps, input: { viewer: UserRow; id: string }): Promise<void> {
  const row = /^tok_[0-9A-Za-z]{1,40}$/.test(input.id) ? await deps.db.getApiToken(input.id) : undefined;
  if (!row || (row.userId !== input.viewer.id && input.viewer.role !== "admin")) {
    throw new StudioError("not_found", "There is no API token with this id");
  }
  await deps.db.deleteApiToken(row.id);
  logger.info({ user: input.viewer.name, tokenId: row.id, owner: row.userId }, "api token revoked");
}
