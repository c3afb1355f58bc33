import { getConfig } from "@/lib/config";
import type { Health } from "@/lib/contract";
import { getDeps } from "@/lib/generations";
import { json } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

// No auth and no secret: load balancers and people ask this.
export const GET = apiRoute(
  async () => {
    const deps = getDeps();
    const base = { upstream: getConfig().upstream, db: deps.db.kind, storage: deps.store.kind };
    try {
      const body: Health = { ok: true, ...base, active: await deps.db.countActive() };
      return json(body);
    } catch {
      const body: Health = { ok: false, ...base, active: 0 };
      return json(body, { status: 503 });
    }
  },
  { public: true },
);
