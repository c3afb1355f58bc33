import { describe, expect, it } from "vitest";
import { GENERATION_ID, MAX_IN_PLACE_RETRIES } from "@/lib/contract-values";
import { idInPlaceOf, newGenerationId } from "./ids";

describe("idInPlaceOf (a retry takes its failed generation's place)", () => {
  it("sorts right after the failed id and before every id made after it", () => {
    const now = Date.now();
    const [older, failed, newer] = [newGenerationId(now), newGenerationId(now), newGenerationId(now)];
    const retry = idInPlaceOf(failed)!;
    expect(GENERATION_ID.test(retry)).toBe(true);
    // JavaScript's order is the databases' (ids are ASCII, compared as bytes on SQLite, text on PostgreSQL).
    expect([newer, retry, older, failed].sort()).toEqual([older, failed, retry, newer]);
    const again = idInPlaceOf(retry)!;
    expect([newer, again, retry, older].sort()).toEqual([older, retry, again, newer]);
  });

  it("gives up after MAX_IN_PLACE_RETRIES: that retry takes a new id", () => {
    let id = newGenerationId();
    for (let i = 0; i < MAX_IN_PLACE_RETRIES; i++) id = idInPlaceOf(id)!;
    expect(GENERATION_ID.test(id)).toBe(true);
    expect(idInPlaceOf(id)).toBeUndefined();
  });

  it("an id that ends in zeros by chance counts them as retries only past its ULID", () => {
    const plain = `gen_${"0".repeat(26)}`;
    expect(idInPlaceOf(plain)).toBe(`${plain}0`);
  });
});
