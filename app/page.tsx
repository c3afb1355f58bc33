import { Studio } from "@/components/pages/studio";
import { pageFiltersOf } from "@/lib/server/page-filters";
import { pagePerson } from "@/lib/server/page-person";
import { addressOf, studioProps } from "@/lib/server/studio-page";

export const dynamic = "force-dynamic";

export default async function StudioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const user = await pagePerson(addressOf("/", query));
  // The gallery's search and filters are the address's query (/?q=…&model=…, /?batch=…): a reload or
  // a link gets that gallery with the HTML. A value that is not a filter is ignored.
  return <Studio {...await studioProps(user, pageFiltersOf(query))} />;
}
