"use client";
import useSWR from "swr";
import { api } from "@/lib/client/api";
import { shortPrompt } from "@/lib/client/format";
import { format } from "@/lib/i18n/format";

const SHOWN = 4;

/**
 * Up to four pictures a template made, newest first, each opening its page.
 * Nothing at all while they load or when the list cannot say (a server
 * without the `template` filter answers 400): pictures are a bonus here,
 * never an error on the page.
 */
export function TemplatePictures(props: { templateId: string; name: string; label: string }) {
  const url = `/api/generations?template=${encodeURIComponent(props.templateId)}&limit=${SHOWN}`;
  const { data } = useSWR(url, api.list, { shouldRetryOnError: false, revalidateOnFocus: false });
  const pictures = (data?.items ?? []).filter((g) => g.image !== null).slice(0, SHOWN);
  if (pictures.length === 0) return null;
  return (
    <ul aria-label={format(props.label, { name: props.name })} className="flex gap-2">
      {pictures.map((g) => (
        <li key={g.id}>
          <a
            href={`/p/${g.id}`}
            className="block overflow-hidden rounded-lg ring-1 ring-zinc-900/10 transition hover:ring-amber-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:ring-white/10"
          >
            <img src={g.image!.thumbUrl} alt={shortPrompt(g.prompt, 80)} loading="lazy" className="size-16 bg-zinc-100 object-cover dark:bg-zinc-800" />
          </a>
        </li>
      ))}
    </ul>
  );
}
