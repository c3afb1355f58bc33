import { describe, expect, it } from "vitest";
import { describeAccounts } from "./contract/accounts";
import { describeBoards } from "./contract/boards";
import { describeBulk } from "./contract/bulk";
import { describeChanges } from "./contract/changes";
import { describeCharges } from "./contract/charges";
import type { ContractOptions } from "./contract/context";
import { describeCounters } from "./contract/counters";
import { describeInserts } from "./contract/inserts";
import { describeListing } from "./contract/listing";
import { describeLoginFailures } from "./contract/login-failures";
import { describePolling } from "./contract/polling";
import { describeQueue } from "./contract/queue";
import { describeReferenceUse } from "./contract/reference-use";
import { describeSearch } from "./contract/search";
import { describeTeam } from "./contract/team";
import { describeTemplates } from "./contract/templates";
import { describeRuns } from "./contract/runs";
import { describeTokens } from "./contract/tokens";
import { describeUpdates } from "./contract/updates";
import { describeVersions } from "./contract/versions";

// The behaviour every StudioDatabase promises, as one suite that an engine's
// test file runs against its own databases:
//
//   describeStudioDatabaseContract("sqlite", { kind: "sqlite", open, expectForeignKeyError })
//
// `open` gives a fresh, empty database and, for the concurrency cases, a way
// to open a second connection (SQLite) or instance (PostgreSQL) on the same
// data. What only one engine can get wrong stays in that engine's test files.
// Not a test file itself (vitest only collects *.test.ts); the cases live in
// lib/db/contract/, one file per group of methods.

export type { ContractOptions };
export { describeBulk };

export function describeStudioDatabaseContract(name: string, options: ContractOptions): void {
  describe(`StudioDatabase contract: ${name}`, () => {
    it(`is a ${options.kind} database`, async () => {
      const { db } = await options.open();
      expect(db.kind).toBe(options.kind);
    });

    describeInserts(options);
    describePolling(options);
    describeUpdates(options);
    describeLoginFailures(options);
    describeListing(options);
    describeVersions(options);
    describeSearch(options);
    describeAccounts(options);
    describeTeam(options);
    describeCharges(options);
    describeReferenceUse(options);
    describeTokens(options);
    describeBoards(options);
    describeCounters(options);
    describeQueue(options);
    describeChanges(options);
    describeTemplates(options);
    describeRuns(options);
  });
}
