import { describe, expect, it } from "vitest";
import { FRESH_GENERATION, type GenerationRow } from "@/lib/db";
import { pictureMetadata } from "./metadata";

// One picture's entry in a ZIP's metadata.json: what the gallery shows of it,
// and for a version of an edit thread, the picture it was made from and the
// instruction it was made with.

const row = (over: Partial<GenerationRow>): GenerationRow => ({
  ...FRESH_GENERATION,
  id: "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7F9",
  model: "nano_banana_2",
  prompt: "a lighthouse at dusk",
  aspectRatio: "1:1",
  imageSize: "1K",
  references: [],
  status: "completed",
  progress: 100,
  createdAt: Date.UTC(2026, 11, 20, 10),
  updatedAt: Date.UTC(2026, 11, 20, 10),
  completedAt: Date.UTC(2026, 11, 20, 10, 1),
  imageKey: "images/x.png",
  imageWidth: 1024,
  imageHeight: 1024,
  imageBytes: 1234,
  imageContentType: "image/png",
  createdBy: "ann",
  batchId: "bat_01JDQ8Z6T3W5Y7A9B1C3D5E7F9",
  ...over,
});

describe("pictureMetadata", () => {
  it("gives an original no parent and no instruction: its prompt describes the whole picture", () => {
    const entry = pictureMetadata(row({ rootId: "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7F9" }), "001 a lighthouse at dusk.png");
    expect(entry).toMatchObject({ file: "001 a lighthouse at dusk.png", prompt: "a lighthouse at dusk", parentId: null, instruction: null });
  });

  it("gives an edit its parent, and its prompt as the instruction it was made with", () => {
    const parentId = "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7F9";
    const entry = pictureMetadata(row({ id: "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7FA", prompt: "make it night", parentId, rootId: parentId }), "002 make it night.png");
    expect(entry).toMatchObject({ id: "gen_01JDQ8Z6T3W5Y7A9B1C3D5E7FA", prompt: "make it night", parentId, instruction: "make it night" });
    // Both keys are always there (null, not left out), so every entry of the file has the same shape.
    expect(Object.keys(pictureMetadata(row({}), "x.png"))).toEqual(expect.arrayContaining(["parentId", "instruction"]));
  });
});
