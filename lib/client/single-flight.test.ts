import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

describe("singleFlight", () => {
  it("runs one piece of work at a time: a second call while the first runs is dropped", async () => {
    const flight = singleFlight();
    let release!: () => void;
    let started = 0;
    const work = () => {
      started++;
      return new Promise<string>((resolve) => (release = () => resolve("made")));
    };
    const first = flight.run(work);
    const second = flight.run(work);
    expect(flight.running).toBe(true);
    expect(await second).toBeUndefined();
    release();
    expect(await first).toBe("made");
    expect(started).toBe(1);
    expect(flight.running).toBe(false);
  });

  it("is free again after the work fails", async () => {
    const flight = singleFlight();
    await expect(flight.run(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(flight.running).toBe(false);
    expect(await flight.run(async () => 2)).toBe(2);
  });
});
