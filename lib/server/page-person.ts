import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { identify, signsInHere } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { getDeps } from "@/lib/wiring";

/**
 * The person a page is for, or off to where they can sign in: the sign-in
 * page (with the reason for a disabled account) in the modes that have one,
 * else /unauthorized (behind an auth proxy the studio cannot sign anyone in).
 * `path` is the page's address (with its query): sign-in brings the person
 * back there (?returnTo=, left out for the studio's own /).
 */
export async function pagePerson(path = "/"): Promise<UserRow> {
  const found = await identifyForPage(new Request(`http://studio.local${path}`, { headers: await headers() }));
  if ("user" in found) return found.user;
  if (!signsInHere(getConfig().auth)) redirect("/unauthorized");
  const query = new URLSearchParams();
  if (found.refused === "disabled") query.set("error", "disabled");
  if (path !== "/") query.set("returnTo", path);
  redirect(`/sign-in${query.size > 0 ? `?${query}` : ""}`);
}

/** Who is asking (lib/auth/identify.ts) for a page that sends a refused person somewhere: why they were refused. */
export async function identifyForPage(request: Request): Promise<{ user: UserRow } | { refused: "unauthorized" | "disabled" }> {
  try {
    return { user: await identify(request, { db: (await getDeps()).db }) };
  } catch (error) {
    if (StudioError.is(error) && error.code === "forbidden") return { refused: "disabled" };
    if (StudioError.is(error) && error.code === "unauthorized") return { refused: "unauthorized" };
    throw error;
  }
}

/** The same check for pages open to anyone: undefined instead of an error. */
export async function identifyOrUndefined(request: Request): Promise<UserRow | undefined> {
  const found = await identifyForPage(request);
  return "user" in found ? found.user : undefined;
}
