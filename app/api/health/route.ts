import { getConfig } from "@/lib/config";
import type { Health } from "@/lib/contract";
import { getDeps } from "@/lib/wiring";
import { json } from "@/lib/server/http";
import { publicRoute } from "@/lib/server/route";

const ok = <T>(work: Promise<T>) => work.then(() => true, () => false);

// No auth and no secret: load balancers and people ask this. Each backend is
// asked for real, so a lost database or bucket shows here.
export const GET = publicRoute(async () => {
    const deps = await getDeps();
    let active = 0;
    const [db, storage] = await Promise.all([
      ok(deps.db.countActive().then((n) => (active = n))),
      ok(deps.store.exists("health/probe")),
    ]);
    const body: Health = {
      ok: db && storage,
      upstream: getConfig().upstream,
      db: deps.db.kind,
      storage: deps.store.kind,
      active,
      checks: { db, storage },
    };
  return json(body, { status: body.ok ? 200 : 503 });
});
