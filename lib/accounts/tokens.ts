import "server-only";
import type { ApiToken } from "@/lib/contract";
import type { ApiTokenRow, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { GenerationDeps } from "@/lib/generations";
import { createApiToken } from "@/lib/auth/api-tokens";
import { logger } from "@/lib/log";

// Personal API tokens (issue 13): each person makes and revokes their own;
// admins also see and revoke everyone's. The secret leaves the server once,
// in the answer to the create; logs name the token's id, never the secret.

type Deps = Pick<GenerationDeps, "db" | "now">;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toApiToken(row: ApiTokenRow, userName: string): ApiToken {
  return {
    id: row.id,
    name: row.name,
    user: userName,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
  };
}

export async function issueToken(deps: Deps, input: { viewer: UserRow; name: string; expiresInDays: number | null }): Promise<ApiToken & { token: string }> {
  const { row, token } = await createApiToken({ db: deps.db, user: input.viewer, name: input.name, expiresInDays: input.expiresInDays, now: deps.now() });
  logger.info({ user: input.viewer.name, tokenId: row.id }, "api token created");
  return { ...toApiToken(row, input.viewer.name), token };
}

/** The viewer's own tokens, or everyone's (admins only), newest first. */
export async function listTokens(deps: Deps, input: { viewer: UserRow; all: boolean }): Promise<ApiToken[]> {
  if (input.all && input.viewer.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can see everyone's tokens");
  const rows = await deps.db.listApiTokens(input.all ? {} : { userId: input.viewer.id });
  return rows.map((row) => toApiToken(row, row.userName));
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
