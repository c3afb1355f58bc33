import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharedPictureCard, SharedPictureViewer, clip, type PictureLabels } from "./shared-picture";
import { dictionaries, format, type Locale } from "@/lib/i18n";
import { MODELS } from "@/lib/models";
import { requestLocale } from "@/lib/server/preferences";
import { requestOrigin } from "@/lib/server/signed-links";
import { loadSharedView, type SharedPicture } from "@/lib/shares/view";
import { getDeps } from "@/lib/wiring";

// The public page of a share link: no sign-in, read-only, no client script of
// ours, no link to anything but this share's own pictures and pages. An
// unknown, expired or revoked token is the same plain 404.

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One read per request, shared by the metadata and the page. */
const load = cache(async (token: string, before: string | string[] | undefined) =>
  Array.isArray(before) ? undefined : loadSharedView(await getDeps(), { token, before }),
);
const viewOf = async (props: Props) => load((await props.params).token, (await props.searchParams).before);

const modelLabel = (picture: SharedPicture, locale: Locale) => MODELS.find((m) => m.id === picture.model)?.label[locale] ?? picture.model;

/**
 * What a chat app shows for the link. The picture itself when it is a size
 * every previewer takes (Twitter's limit is 5 MB), else its thumbnail.
 */
function previewImage(picture: SharedPicture, origin: string) {
  const full = picture.bytes <= 5 * 1024 * 1024 && /^image\/(png|jpeg|webp)$/.test(picture.contentType);
  return full
    ? { url: origin + picture.fullUrl, width: picture.width, height: picture.height }
    : { url: origin + picture.thumbUrl, width: picture.thumbWidth, height: picture.thumbHeight };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  // The token is a secret: no search engine, and no Referer carrying it elsewhere.
  const base: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
  const view = await viewOf(props);
  if (!view) return base;
  const locale = await requestLocale();
  const t = dictionaries[locale].share;
  const first = view.pictures[0];
  const title = clip(view.title, 70);
  const description =
    view.kind === "board" ? format(t.boardDescription, { name: view.title }) : format(t.pictureDescription, { model: modelLabel(first, locale) });
  const image = first && { ...previewImage(first, requestOrigin(new Request("http://studio.local/", { headers: await headers() }))), alt: clip(first.prompt, 200) };
  return {
    ...base,
    title,
    description,
    openGraph: { type: "website", siteName: "Nano Studio", title, description, images: image ? [image] : [] },
    twitter: { card: image ? "summary_large_image" : "summary", title, description, images: image ? [image] : [] },
  };
}

export default async function SharePage(props: Props) {
  const view = await viewOf(props);
  if (!view) notFound();
  const locale = await requestLocale();
  const t = dictionaries[locale].share;
  const date = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeZone: "UTC" });
  const labels = (picture: SharedPicture): PictureLabels => ({
    model: modelLabel(picture, locale),
    size: `${picture.width} × ${picture.height}`,
    created: date.format(picture.createdAt),
  });
  const single = view.kind === "generation";
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-10">
      <header className="mb-6">
        <p className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{single ? t.pictureHeading : t.boardHeading}</p>
        {!single && <h1 className="mt-1 text-2xl font-bold tracking-tight break-words">{view.title}</h1>}
        {!single && view.pictures.length > 0 && (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {view.pictures.length === 1 ? t.pictureCountOne : format(t.pictureCount, { n: view.pictures.length })}
          </p>
        )}
      </header>

      {single ? (
        <SharedPictureCard picture={view.pictures[0]} labels={labels(view.pictures[0])} t={t} size="large" eager />
      ) : view.pictures.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{t.empty}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {view.pictures.map((picture, index) => (
            <li key={picture.id}>
              {/* The first row (up to four across) loads at once, the rest as they scroll near. */}
              <SharedPictureCard picture={picture} labels={labels(picture)} t={t} size="grid" eager={index < 4} />
            </li>
          ))}
        </ul>
      )}

      {(view.olderUrl || view.firstUrl) && (
        <nav className="mt-8 flex justify-center gap-6 text-sm font-medium">
          {view.firstUrl && (
            <a className="rounded-md px-3 py-2 text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href={view.firstUrl}>
              {t.newest}
            </a>
          )}
          {view.olderUrl && (
            <a className="rounded-md px-3 py-2 text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href={view.olderUrl}>
              {t.older}
            </a>
          )}
        </nav>
      )}

      {view.pictures.map((picture) => (
        <SharedPictureViewer key={picture.id} picture={picture} t={t} />
      ))}

      <footer className="mt-12 text-center text-xs text-zinc-600 dark:text-zinc-400">{t.sharedWith}</footer>
    </main>
  );
}
