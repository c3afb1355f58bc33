import { retryInPlaceSuite } from "./retry-in-place.suite";

// On SQLite (the default data dir); the same suite runs on PostgreSQL beside it.
retryInPlaceSuite(async () => ({}));
