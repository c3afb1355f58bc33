import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { noteText, ownStoredItem, storedReferenceUrl } from "./reference-sources";

describe("noteText", () => {
  it("reads a composer note from the composer's dictionary", () => {
    expect(noteText({ key: "remixRefsFailed", values: { n: 2 } }, en)).toBe("2 of the original reference images could not be loaded");
  });

  it("reads a note with a section from that section", () => {
    expect(noteText({ section: "templateBlanks", key: "referencesFailed", values: { n: 1 } }, en)).toMatch(/^1 of the template's reference images could not be loaded/);
  });
});

describe("ownStoredItem", () => {
  it("names the upload by its id and shows it from its stored address, with nothing to upload", () => {
    const item = ownStoredItem("ref_01HZX3Y4Z5A6B7C8D9E0F1G2H3", "Poster, reference 1");
    expect(item).toMatchObject({ value: "ref_01HZX3Y4Z5A6B7C8D9E0F1G2H3", preview: "/api/references/ref_01HZX3Y4Z5A6B7C8D9E0F1G2H3", name: "Poster, reference 1" });
    expect(item.upload).toBeUndefined();
    expect(storedReferenceUrl("a/b")).toBe("/api/references/a%2Fb");
  });
});
