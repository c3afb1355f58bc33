import type { Metadata } from "next";
import { Studio } from "@/components/pages/studio";
import { pageFiltersOf } from "@/lib/server/page-filters";
import { pagePerson } from "@/lib/server/page-person";
import { addressOf, openablePicture, studioProps } from "@/lib/server/studio-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false } };

/**
 * A picture's own address: the studio with the viewer open on it, both in
 * the first HTML (a link opened cold shows the picture before any script
 * runs). The query is the gallery's behind it. Whoever may use the studio may
 * open it (sign-in first, then back here).
 *
 * No such picture, a deleted one, one still in progress and one the person
 * may not see are one answer: 200 with the gallery and a notice. Not 404:
 * notFound() would send an empty error shell for the script to fill (a
 * not-found page is not rendered into the HTML here), and the page is for
 * people; GET /api/generations/{id} is the 404 for scripts.
 */
export default async function PicturePage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([props.params, props.searchParams]);
  const user = await pagePerson(addressOf(`/p/${encodeURIComponent(id)}`, query));
  const [picture, studio] = await Promise.all([openablePicture(user, id), studioProps(user, pageFiltersOf(query))]);
  return picture ? <Studio {...studio} picture={picture} /> : <Studio {...studio} pictureMissing />;
}
