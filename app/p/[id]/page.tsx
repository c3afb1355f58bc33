import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Studio } from "@/components/studio/studio";
import { pageFiltersOf } from "@/lib/server/page-filters";
import { pagePerson } from "@/lib/server/page-person";
import { addressOf, openablePicture, studioProps } from "@/lib/server/studio-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false } };

/**
 * A picture's own address: the studio with the viewer open on it, both in
 * the first HTML (a link opened cold shows the picture before any script
 * runs). The query is the gallery's behind it. Whoever may use the studio may
 * open it (sign-in first, then back here); no such picture, a deleted one and
 * one the person may not see are the same 404 (./not-found.tsx).
 */
export default async function PicturePage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([props.params, props.searchParams]);
  const user = await pagePerson(addressOf(`/p/${encodeURIComponent(id)}`, query));
  const [picture, studio] = await Promise.all([openablePicture(user, id), studioProps(user, pageFiltersOf(query))]);
  if (!picture) notFound();
  return <Studio {...studio} picture={picture} />;
}
