import "server-only";
import { boardsTables } from "./boards/migrate";
import { countersTables } from "./counters/migrate";
import { generationsTables } from "./generations/migrate";
import { peopleTables } from "./people/migrate";
import { referencesTables } from "./references/migrate";
import { runsTables } from "./runs/migrate";
import type { MigrateTable } from "./shared/migrate-table";
import { templatesTables } from "./templates/migrate";
import { usageTables } from "./usage/migrate";

// Every table of the studio, as `npm run migrate-data` (lib/migrate) moves it
// or says why it does not: each slice lists its own in <slice>/migrate.ts. A
// new table is one entry there; lib/migrate.test.ts fails while a table of the
// schema is in no list.

const LISTED = [
  ...generationsTables,
  ...referencesTables,
  ...usageTables,
  ...peopleTables,
  ...boardsTables,
  ...countersTables,
  ...templatesTables,
  ...runsTables,
] as const;

type Listed = (typeof LISTED)[number];
/** The tables whose rows the copy writes: each has its tallies in the copy's stats. */
export type CopiedTableName = Exclude<Listed, { notCopied: string } | { copiedWith: string }>["name"];
/** The tables counted on both sides. */
export type CountedTableName = Extract<Listed, { counted: true }>["name"];
/** The names of the progress events of row pages. */
export type ProgressLabel = Extract<Listed, { progress: true }>["label"];

/**
 * The order the copy walks (and the report prints) them: as listed, each
 * after the tables it needs.
 */
export const MIGRATE_TABLES: readonly MigrateTable[] = inCopyOrder(LISTED);

function inCopyOrder(tables: readonly MigrateTable[]): MigrateTable[] {
  const byName = new Map<string, MigrateTable>();
  for (const table of tables) {
    if (byName.has(table.name)) throw new Error(`two migrate entries are named ${table.name}`);
    byName.set(table.name, table);
  }
  for (const table of tables) {
    for (const { table: other } of Object.values(table.refs ?? {})) {
      const named = byName.get(other);
      if (!named || named.key.length !== 1 || (named.match ?? named.key).length !== 1) {
        throw new Error(`${table.name} refers to ${other}: a listed table with a one-column key and match`);
      }
    }
  }
  const order: MigrateTable[] = [];
  const placed = new Set<string>();
  const placing = new Set<string>();
  const place = (table: MigrateTable) => {
    if (placed.has(table.name)) return;
    if (placing.has(table.name)) throw new Error(`migrate entries need each other: ${[...placing].join(", ")}`);
    placing.add(table.name);
    for (const need of table.needs ?? []) {
      const needed = byName.get(need);
      if (!needed) throw new Error(`${table.name} needs ${need}, which no slice lists`);
      place(needed);
    }
    placing.delete(table.name);
    placed.add(table.name);
    order.push(table);
  };
  for (const table of tables) place(table);
  return order;
}
