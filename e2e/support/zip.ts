import { execFileSync } from "node:child_process";

/** A downloaded ZIP as Python's zipfile reads it (not the library that wrote it): its names, metadata.json and whether every CRC checks. */
export function readZip(file: string): { names: string[]; metadata: Record<string, unknown>[]; crcOk: boolean } {
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({"names": z.namelist(), "metadata": json.loads(z.read("metadata.json")), "crcOk": z.testzip() is None}))
`;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
}
