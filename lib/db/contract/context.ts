import { expect } from "vitest";
import type { GenerationRow, StudioDatabase } from "@/lib/db/types";

// What the contract's sections share: how they get a database, and small
// helpers for reading answers. Test code only.

export type ContractFixture = {
  /** A fresh, empty database, closed by the engine's test-helpers after the test. */
  db: StudioDatabase;
  /**
   * Another connection (SQLite) or instance (PostgreSQL: its own pool) on the
   * same data, standing in for a second process of the app.
   */
  second?: () => Promise<StudioDatabase>;
  /**
   * Deletes a users row under the adapter, in plain SQL (StudioDatabase has
   * no method for it): for checking what goes with a person.
   */
  deleteUser?: (id: string) => Promise<void>;
};

export type ContractOptions = {
  kind: StudioDatabase["kind"];
  open(): Promise<ContractFixture>;
  /** Asserts that `error` is this engine's own error for a foreign key violation. */
  expectForeignKeyError(error: unknown): void;
};

/** The concurrency cases need a second connection; an engine without one fails them, loudly. */
export async function secondOf(fixture: ContractFixture): Promise<StudioDatabase> {
  if (!fixture.second) throw new Error("this case needs a second connection on the same data (fixture.second)");
  return fixture.second();
}

/** The cascade cases need to delete a person under the adapter; an engine without a way fails them, loudly. */
export async function deleteUserOf(fixture: ContractFixture, id: string): Promise<void> {
  if (!fixture.deleteUser) throw new Error("this case deletes a users row under the adapter (fixture.deleteUser)");
  await fixture.deleteUser(id);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  expect(outcome.resolved, "expected a rejection").toBe(false);
  return outcome.resolved ? undefined : outcome.error;
}

export const ids = (rows: readonly GenerationRow[]) => rows.map((r) => r.id);

/** Newest first, as listings answer: ids compared byte by byte. */
export const newestFirst = (rows: readonly GenerationRow[]) => ids([...rows].sort((a, b) => (a.id < b.id ? 1 : -1)));

export const ACTIVE = ["submitting", "queued", "processing"] as const;
export const isActiveRow = (row: GenerationRow) => (ACTIVE as readonly string[]).includes(row.status);

export const DAY_MS = 24 * 3600_000;
