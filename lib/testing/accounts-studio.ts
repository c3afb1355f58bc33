import { bootStudio } from "./studio";

// The studio on STUDIO_AUTH=accounts, as the API tests of people, tokens,
// money and the OpenAI-compatible API boot it: one first admin, ADMIN.

export const ADMIN = { name: "root", password: "root-password-2026" };

/** bootStudio on STUDIO_AUTH=accounts with ADMIN as the first admin; `env` adds to or overrides it. */
export function bootAccountsStudio(env: Record<string, string> = {}) {
  return bootStudio({ STUDIO_AUTH: "accounts", STUDIO_ADMIN_NAME: ADMIN.name, STUDIO_ADMIN_PASSWORD: ADMIN.password, ...env });
}

/**
 * bootAccountsStudio with the simulator at 50× and a poller every 200 ms, for
 * the /v1 tests: a request that waits for its pictures sees them finish. Stop
 * the poller before the studio's cleanup.
 */
export async function bootPolledStudio(env: Record<string, string> = {}) {
  const studio = await bootAccountsStudio({ SIMULATOR_SPEED: "50", STUDIO_POLL_INTERVAL_MS: "200", ...env });
  // After boot: the generations module reads the configuration once, on import.
  const { createPoller } = await import("@/lib/generations");
  return { studio, poller: createPoller(studio.deps) };
}
