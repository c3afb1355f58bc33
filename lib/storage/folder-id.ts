import "server-only";
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// A folder's own id, kept in a file inside it: whoever mounts the folder (a
// process restarted on the same volume, or replicas sharing one) reads the
// same id; another folder, even at the same path on another host, has its
// own. The staging folder uses it to say whose disk a row's bytes are on.

const ID_FILE = "folder-id";

export async function folderId(dir: string): Promise<string> {
  const file = path.join(dir, ID_FILE);
  await mkdir(dir, { recursive: true });
  // Written whole to a temporary name, then linked into place: link fails if
  // the file exists, so of processes starting together one id wins and none
  // reads a half-written file.
  const made = `stg_${randomBytes(12).toString("hex")}\n`;
  const temp = path.join(dir, `.${ID_FILE}-${randomBytes(8).toString("hex")}`);
  await writeFile(temp, made, { flag: "wx" });
  try {
    await link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      // Another process (or an earlier start) made it: read theirs below.
    } else if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") {
      // A filesystem without hard links: exclusive create is the next best thing.
      await writeFile(file, made, { flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
    } else {
      throw error;
    }
  } finally {
    await rm(temp, { force: true });
  }
  const id = (await readFile(file, "utf8")).trim();
  if (!/^[\w-]{1,100}$/.test(id)) throw new Error(`${file} does not hold a folder id; remove it to make a new one`);
  return id;
}
