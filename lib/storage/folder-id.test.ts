import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderId } from "./folder-id";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "folder-id-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("folderId", () => {
  it("is made once and read back the same by every later caller (a restart on the same volume)", async () => {
    const dir = path.join(tempDir(), "staging");
    const first = await folderId(dir);
    expect(first).toMatch(/^stg_[0-9a-f]{24}$/);
    expect(await folderId(dir)).toBe(first);
    // Only the id file is left behind.
    expect(fs.readdirSync(dir)).toEqual(["folder-id"]);
  });

  it("differs between folders", async () => {
    expect(await folderId(tempDir())).not.toBe(await folderId(tempDir()));
  });

  it("processes starting together on one folder agree on one id", async () => {
    const dir = tempDir();
    const ids = await Promise.all(Array.from({ length: 20 }, () => folderId(dir)));
    expect(new Set(ids).size).toBe(1);
  });

  it("refuses a file that does not hold an id", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "folder-id"), "../../etc/passwd");
    await expect(folderId(dir)).rejects.toThrow(/does not hold a folder id/);
  });
});
