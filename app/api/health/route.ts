import { getConfig } from "@/lib/config";
import type { Health } from "@/lib/contract";
import { getDeps } from "@/lib/generations";
import { json } from "@/lib/server/http";

// No auth and no secret: load balancers and people ask this.
export async function GET() {
  const deps = getDeps();
  try {
    const active = await deps.db.countActive();
    const body: Health = { ok: true, upstream: getConfig().upstream, db: deps.db.kind, storage: deps.store.kind, active };
    return json(body);
  } catch {
    const body: Health = { ok: false, upstream: getConfig().upstream, db: deps.db.kind, storage: deps.store.kind, active: 0 };
    return json(body, { status: 503 });
  }
}
