import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import type { SharedPicture } from "@/lib/shares/view";

// One picture of a share page, and its full-size viewer. No script: the
// thumbnail links to `#view-<id>`, and CSS's :target shows that viewer; its
// full picture is lazy inside a hidden box, so it loads only once opened.

export type PictureLabels = { model: string; size: string; created: string };
type Strings = Dictionary["share"];

/** One line of at most `max` characters, for titles and alt texts. */
export const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

export function SharedPictureCard(props: { picture: SharedPicture; labels: PictureLabels; t: Strings; size: "large" | "grid"; eager: boolean }) {
  const { picture, labels, t } = props;
  const large = props.size === "large";
  return (
    <figure id={`pic-${picture.id}`} className={large ? "mx-auto w-full max-w-[512px]" : "w-full"}>
      <a
        href={`#view-${picture.id}`}
        aria-label={format(t.open, { prompt: clip(picture.prompt, 80) })}
        className="block overflow-hidden rounded-xl bg-zinc-200 ring-1 ring-zinc-300 transition hover:ring-2 hover:ring-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-zinc-900 dark:ring-zinc-800"
      >
        <img
          src={picture.thumbUrl}
          width={picture.thumbWidth}
          height={picture.thumbHeight}
          alt={clip(picture.prompt, 150)}
          loading={props.eager ? "eager" : "lazy"}
          fetchPriority={props.eager && large ? "high" : undefined}
          decoding="async"
          className={large ? "block h-auto w-full" : "block aspect-square h-auto w-full object-contain"}
        />
      </a>
      <figcaption className="mt-2 space-y-1">
        <p className={large ? "text-base break-words whitespace-pre-wrap" : "line-clamp-3 text-sm break-words"}>{picture.prompt}</p>
        {large ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <dt className="font-medium">{t.model}</dt>
            <dd>{labels.model}</dd>
            <dt className="font-medium">{t.size}</dt>
            <dd>{labels.size}</dd>
            <dt className="font-medium">{t.created}</dt>
            <dd>{labels.created}</dd>
          </dl>
        ) : (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {labels.model} · {labels.size} · {labels.created}
          </p>
        )}
      </figcaption>
    </figure>
  );
}

const viewerButton =
  "rounded-md bg-white/10 px-3 py-1.5 hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white";

export function SharedPictureViewer(props: { picture: SharedPicture; t: Strings }) {
  const { picture, t } = props;
  return (
    <section
      id={`view-${picture.id}`}
      aria-label={clip(picture.prompt, 80)}
      className="fixed inset-0 z-20 hidden flex-col gap-3 bg-zinc-950/95 p-3 text-zinc-100 target:flex sm:p-6"
    >
      <div className="flex flex-wrap items-center justify-end gap-2 text-sm font-medium">
        <a className={viewerButton} href={picture.fullUrl}>
          {t.fullSize}
        </a>
        <a className={viewerButton} href={`${picture.fullUrl}?download=1`}>
          {t.download}
        </a>
        {/* Back to the picture's place on the page, not to its top. */}
        <a className={viewerButton} href={`#pic-${picture.id}`}>
          {t.close}
        </a>
      </div>
      <div className="flex min-h-0 flex-1 items-center justify-center">
        <img
          src={picture.fullUrl}
          width={picture.width}
          height={picture.height}
          alt={clip(picture.prompt, 150)}
          loading="lazy"
          decoding="async"
          className="h-auto max-h-full w-auto max-w-full object-contain"
        />
      </div>
      <p className="mx-auto line-clamp-3 max-w-3xl text-center text-sm break-words text-zinc-300">{picture.prompt}</p>
    </section>
  );
}
