import { sessionLimitsSuite } from "./session-limits.suite";

// GET /api/session's quote and resetsAt, and the limit refusals, on SQLite (the default engine).
sessionLimitsSuite(async () => ({}));
