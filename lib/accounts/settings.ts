import "server-only";
import type { StudioSettings } from "@/lib/contract";
import type { ServiceDeps } from "@/lib/core/deps";
import { TOKEN_MAX_DAYS_SETTING, tokenMaxDays } from "@/lib/auth/api-tokens";
import { logger } from "@/lib/log";

// What admins set in the studio itself, kept in studio_settings so
// every instance reads the same: for now, the longest an API token lives.

type Deps = Pick<ServiceDeps, "db" | "now">;

export async function studioSettings(deps: Deps): Promise<StudioSettings> {
  return { tokenMaxDays: await tokenMaxDays(deps.db) };
}

/** Stores the admins' choice; it applies to every token from the next request (lowering it shortens existing ones). */
export async function setStudioSettings(deps: Deps, input: { settings: StudioSettings; by: string }): Promise<StudioSettings> {
  await deps.db.setSetting({ key: TOKEN_MAX_DAYS_SETTING, value: String(input.settings.tokenMaxDays), now: deps.now() });
  logger.info({ by: input.by, tokenMaxDays: input.settings.tokenMaxDays }, "studio settings changed");
  return studioSettings(deps);
}
