import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { createSeeder } from "./seed";

// The studio as a team has it, for Lighthouse (bench/lighthouse.ts): on
// STUDIO_AUTH=accounts, an admin signed in (the session cookie goes with
// every request Lighthouse makes), 200 pictures with their thumbnails, a
// board of 60 of them, 30 days of usage by 20 people, 50 accounts and a
// token; and every page a person opens, as a URL.

export const ADMIN = { name: "root", password: "lighthouse-password-2026" };
export const ACCOUNTS_ENV = { STUDIO_AUTH: "accounts", STUDIO_ADMIN_NAME: ADMIN.name, STUDIO_ADMIN_PASSWORD: ADMIN.password };

const PICTURES = 200;
const BOARD_PICTURES = 60;
const USAGE_PEOPLE = 20;
const USAGE_DAYS = 30;
const ACCOUNTS = 50;
const DAY_MS = 86_400_000;

/** One page to audit: `floor` is the framework's own cost (a shared picture: no studio code), `findable` a page meant to be found by search engines. */
export type AuditPage = { key: string; label: string; url: string; cookie?: string; floor?: boolean; findable?: boolean };

/** Thumbnails of max 512 px, in the row's own proportions (as the studio's thumbnails are), so a page that sizes a picture by its row does not shift when it loads. */
async function writeThumbs(dataDir: string, rows: { id: string; imageWidth: number | null; imageHeight: number | null }[]) {
  const dir = path.join(dataDir, "files", "thumbs");
  const originals = path.join(dataDir, "files", "images");
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(originals, { recursive: true });
  const colors = ["#4a7fb5", "#d9a066", "#2f4f2f"];
  // One small webp per shape and colour, copied under every completed id's key.
  const made = new Map<string, Promise<Buffer>>();
  for (const [i, row] of rows.entries()) {
    if (!row.imageWidth || !row.imageHeight) continue;
    const scale = 512 / Math.max(row.imageWidth, row.imageHeight);
    const [width, height] = [Math.round(row.imageWidth * scale), Math.round(row.imageHeight * scale)];
    const background = colors[i % colors.length];
    const key = `${width}x${height}${background}`;
    if (!made.has(key)) made.set(key, sharp({ create: { width, height, channels: 3, background } }).webp({ quality: 70 }).toBuffer());
    fs.writeFileSync(path.join(dir, `${row.id}.webp`), await made.get(key)!);
    // The picture itself too (images/<id>.png, as the rows name it): the viewer opened by URL shows it, and a 404 there is a console error.
    const originalKey = `${row.imageWidth}x${row.imageHeight}${background}`;
    if (!made.has(originalKey)) made.set(originalKey, sharp({ create: { width: row.imageWidth, height: row.imageHeight, channels: 3, background } }).png().toBuffer());
    fs.writeFileSync(path.join(originals, `${row.id}.png`), await made.get(originalKey)!);
  }
}

/** The full studio's data dir, before its server starts: pictures, 30 days of 20 people's usage, 50 accounts. */
export async function seedTeam(dataDir: string) {
  const { openSqliteDatabase } = await import("@/lib/db");
  const { makeRow, makeUser } = await import("@/lib/db/shared/test-rows");
  const db = openSqliteDatabase({ file: path.join(dataDir, "studio.db") });
  try {
    const now = Date.now();
    // Usage: a picture a day per person for 30 days, older than the gallery's first pages.
    const usage = Array.from({ length: USAGE_PEOPLE * USAGE_DAYS }, (_, i) => {
      const createdAt = now - (USAGE_DAYS - Math.floor(i / USAGE_PEOPLE)) * DAY_MS + (i % USAGE_PEOPLE) * 1_000;
      return makeRow({ id: `gen_${String(i).padStart(6, "0")}${"0".repeat(20)}`.slice(0, 30), status: i % 9 === 4 ? "failed" : "completed", createdAt, updatedAt: createdAt, createdBy: `person${i % USAGE_PEOPLE}`, prompt: `usage ${i}` });
    });
    await db.insertGenerations({ rows: usage.map((row) => ({ ...row, batchId: row.id, rootId: row.id })) });
    for (let i = 0; i < ACCOUNTS; i++) await db.insertUser(makeUser({ id: `usr_${String(i).padStart(26, "0")}`, name: `person${i}`, createdAt: now - i * 60_000 }));
    const seeder = createSeeder({ total: PICTURES });
    await seeder.add(db, PICTURES);
    await writeThumbs(dataDir, await db.getGenerations(seeder.ids()));
  } finally {
    await db.close();
  }
}

/** Signs the admin in; the session cookie. */
export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify(ADMIN) });
  if (res.status !== 204) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers.get("set-cookie")!.split(";")[0];
}

async function api<T>(base: string, cookie: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${route}`, { method, headers: { "content-type": "application/json", origin: base, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every page of the full studio, made ready through its own API: a board of 60, a token, a share link, a picture for the viewer. */
export async function teamPages(base: string): Promise<AuditPage[]> {
  const cookie = await signIn(base);
  const list = await api<{ items: { id: string }[] }>(base, cookie, "GET", `/api/generations?status=completed&limit=${BOARD_PICTURES}`);
  const board = await api<{ id: string }>(base, cookie, "POST", "/api/boards", { name: "Spring catalogue", visibility: "team" });
  await api(base, cookie, "POST", `/api/boards/${board.id}/items`, { generationIds: list.items.map((g) => g.id) });
  await api(base, cookie, "POST", "/api/tokens", { name: "nightly export" });
  const share = await api<{ url: string }>(base, cookie, "POST", "/api/shares", { generationId: list.items[0].id });
  return [
    { key: "full", label: `/ with ${PICTURES} pictures`, url: `${base}/`, cookie },
    { key: "board", label: `/boards/<id> (${BOARD_PICTURES} pictures)`, url: `${base}/boards/${board.id}`, cookie },
    { key: "viewer", label: "a picture opened by URL (/p/<id>)", url: `${base}/p/${list.items[1].id}`, cookie },
    { key: "usage", label: `/usage (${USAGE_DAYS} days, ${USAGE_PEOPLE} people)`, url: `${base}/usage`, cookie },
    { key: "admin", label: `/admin (${ACCOUNTS} people)`, url: `${base}/admin`, cookie },
    { key: "tokens", label: "/tokens", url: `${base}/tokens`, cookie },
    { key: "signin", label: "/sign-in", url: `${base}/sign-in`, findable: true },
    { key: "share", label: "/s/<token> (the floor: no studio code)", url: `${base}${share.url}`, floor: true },
  ];
}
