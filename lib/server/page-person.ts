import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { identifyForPage, signsInHere } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import type { UserRow } from "@/lib/db";

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
