import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { request, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./demo";
import { freePort, startStudio, type StudioProcess } from "./server";

// A studio of a spec's own (or of one describe block's), for settings the
// worker's demo studio does not have: sign-in modes, prices, limits, a slow
// simulator. Called at the top of the file or block, it registers the
// beforeAll that starts it (a fresh data dir, a free port unless one is
// given) and the afterAll that stops it and removes its data. Each spec keeps a server of its own:
// their tests count people, boards and pictures, which a shared one would mix.

export type Person = { name: string; password: string };

export type OwnStudio = {
  /** http://127.0.0.1:<port>, once started (in any test or later hook). */
  readonly url: string;
  /** Its STUDIO_DATA_DIR. */
  readonly dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** A request context on the studio signed in as `person` (its POST /api/session answered 204), disposed after the file. */
  signedIn(person: Person): Promise<APIRequestContext>;
};

type Env = Record<string, string>;

/** `env`, or a function giving it once earlier hooks have run (a provider's address). */
export function ownStudio(input: { port?: number | (() => number); env?: Env | (() => Env) } = {}): OwnStudio {
  let running: StudioProcess | undefined;
  let dataDir = "";
  const contexts: APIRequestContext[] = [];

  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-own-"));
    const port = typeof input.port === "function" ? input.port() : (input.port ?? (await freePort()));
    const env = typeof input.env === "function" ? input.env() : input.env;
    running = await startStudio({ port, dataDir, env });
  });
  test.afterAll(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.dispose().catch(() => {})));
    await running?.kill();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const started = () => {
    if (!running) throw new Error("the studio starts in the beforeAll its ownStudio() call registered");
    return running;
  };
  return {
    get url() {
      return started().url;
    },
    get dataDir() {
      return dataDir;
    },
    output: () => started().output(),
    kill: (signal) => started().kill(signal),
    async signedIn(person) {
      const context = await request.newContext({ baseURL: started().url });
      contexts.push(context);
      expect((await context.post("/api/session", { data: person })).status()).toBe(204);
      return context;
    },
  };
}

/**
 * ownStudio on STUDIO_AUTH=accounts with `admin` as the first admin, the
 * simulator at 20× and a poller every 300 ms; `env` adds to or overrides it.
 */
export function accountsStudio(input: { port?: number; admin: Person; env?: Env }): OwnStudio {
  return ownStudio({
    port: input.port,
    env: {
      STUDIO_AUTH: "accounts",
      STUDIO_ADMIN_NAME: input.admin.name,
      STUDIO_ADMIN_PASSWORD: input.admin.password,
      SIMULATOR_SPEED: "20",
      STUDIO_POLL_INTERVAL_MS: "300",
      ...input.env,
    },
  });
}
