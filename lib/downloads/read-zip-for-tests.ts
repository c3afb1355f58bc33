import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Tests read the archives with an independent ZIP reader, Python's zipfile
// (python3 is on every machine of the project's kind), not with the library
// that wrote them: a bug in both would otherwise pass unseen.

export type ZipListing = {
  /** In the archive's order. */
  entries: { name: string; method: "stored" | "deflated" | "other"; size: number; sha256: string; utf8Name: boolean; madeOnUnix: boolean; mode: number }[];
  /** metadata.json, parsed, when the archive has one. */
  metadata: unknown;
  /** zipfile's testzip(): every entry read back and its CRC checked. */
  crcOk: boolean;
};

const READER = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    entries = []
    metadata = None
    for info in z.infolist():
        data = z.read(info)
        method = {0: "stored", 8: "deflated"}.get(info.compress_type, "other")
        entries.append({"name": info.filename, "method": method, "size": info.file_size,
                        "sha256": hashlib.sha256(data).hexdigest(), "utf8Name": bool(info.flag_bits & 0x800),
                        "madeOnUnix": info.create_system == 3, "mode": (info.external_attr >> 16) & 0o7777})
        if info.filename == "metadata.json":
            metadata = json.loads(data.decode("utf-8"))
    print(json.dumps({"entries": entries, "metadata": metadata, "crcOk": bad is None}))
`;

export async function readZip(bytes: Uint8Array): Promise<ZipListing> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-read-"));
  const file = path.join(dir, "archive.zip");
  try {
    fs.writeFileSync(file, bytes);
    const { stdout } = await promisify(execFile)("python3", ["-c", READER, file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as ZipListing;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
