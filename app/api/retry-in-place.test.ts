import { retryInPlaceSuite } from "./retry-in-place.suite";

// Issue 26 item 5 on SQLite (the default data dir); the same suite runs on PostgreSQL beside it.
retryInPlaceSuite(async () => ({}));
