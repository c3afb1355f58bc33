// A liveness check that touches nothing: no database, no auth, no logging. It
// answers as fast as this server can answer anything, so load balancers may
// use it and `npm run bench` (bench/status-endpoint.ts) measures it as the
// baseline that the real endpoints are compared against. /api/health is the
// readiness check (it asks the database).
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
