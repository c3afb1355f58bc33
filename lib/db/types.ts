import "server-only";
import type { GenerationsStore } from "./generations/port";
import type { CountersStore } from "./counters/port";
import type { PeopleStore } from "./people/port";
import type { BoardsStore } from "./boards/port";
import type { UsageStore } from "./usage/port";
import type { ReferencesStore } from "./references/port";
import type { TemplatesStore } from "./templates/port";
import type { RunsStore } from "./runs/port";

export type * from "./generations/port";
export type * from "./counters/port";
export type * from "./people/port";
export type * from "./boards/port";
export type * from "./usage/port";
export type * from "./references/port";
export type * from "./templates/port";
export type * from "./runs/port";

// The database adapter's interface. Services depend on this, never on SQL, so
// a second engine (Postgres) implements the same methods behind it. Every
// method is async even where SQLite is synchronous, for that reason.
// Times are Unix milliseconds.

export interface StudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore, UsageStore, ReferencesStore, TemplatesStore, RunsStore {
  readonly kind: "sqlite" | "postgres";

  close(): Promise<void>;
}
