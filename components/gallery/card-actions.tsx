"use client";
import { useState } from "react";
import dynamic from "next/dynamic";
import type { Generation } from "@/lib/contract";
import { api, ApiError } from "@/lib/client/api";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText, shortPrompt } from "@/lib/client/format";
import { PencilIcon, StopIcon, TrashIcon } from "@/components/ui/icons";
import { TemplateIcon } from "@/components/templates-page/template-icon";
import { useInnerTabIndex } from "./roving";

// Save as template's form comes when someone asks for it.
const SavePictureDialog = dynamic(() => import("@/components/templates-page/save-picture-dialog").then((m) => m.SavePictureDialog), { ssr: false });

const ICON_BUTTON =
  "grid size-6 shrink-0 place-items-center rounded-full bg-white/80 text-zinc-600 shadow-sm ring-1 ring-zinc-900/10 backdrop-blur-sm transition hover:bg-white hover:text-rose-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 @min-[9rem]:size-7 dark:bg-zinc-900/80 dark:text-zinc-300 dark:ring-white/10 dark:hover:bg-zinc-900 dark:hover:text-rose-300";

type Pending = { kind: "cancel" | "delete"; busy: boolean; error: string | null };

/**
 * A finished picture's Edit: opens the viewer on it with its "Describe a
 * change…" field focused (the key E on the card does the same, roving.tsx).
 * Anyone who sees the picture may edit it: the edit is a new picture of theirs.
 * Shown like the star, on hover and while focus is in the card; a phone has
 * no hover, and its tap opens the viewer, where the field is. Save as
 * template comes with it, left of it: the card places its finished
 * picture's corner buttons through this one.
 */
export function EditCardButton({ generation: g, onEdit }: { generation: Generation; onEdit(): void }) {
  const { t } = useStudio();
  const inner = useInnerTabIndex();
  return (
    <>
      <SaveTemplateCardButton generation={g} />
      <button
        type="button"
        tabIndex={inner}
        aria-label={format(t.gallery.card.edit, { prompt: shortPrompt(g.prompt) })}
        aria-keyshortcuts="E"
        title={t.gallery.card.editShort}
        onClick={onEdit}
        className={`absolute top-2 right-11 grid size-8 place-items-center rounded-full bg-black/35 text-white shadow-sm backdrop-blur-md transition hover:bg-black/55 focus:outline-none focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-amber-400 pointer-coarse:hidden ${
          inner === 0 ? "opacity-100" : "opacity-0 group-hover:opacity-100"
        }`}
      >
        <PencilIcon className="size-4" />
      </button>
    </>
  );
}

/**
 * Save as template from a card: the picture's prompt, settings and stored
 * references with a name (SavePictureDialog). Anyone who sees the picture
 * may; shown like Edit, and on a phone (no hover) in the viewer instead.
 */
function SaveTemplateCardButton({ generation: g }: { generation: Generation }) {
  const { t, locale } = useStudio();
  const inner = useInnerTabIndex();
  const [open, setOpen] = useState(false);
  const F = t.templatesPage.fromPicture;
  return (
    <>
      <button
        type="button"
        tabIndex={inner}
        aria-label={format(F.cardLabel, { prompt: shortPrompt(g.prompt) })}
        title={F.button}
        onClick={() => setOpen(true)}
        className={`absolute top-2 right-20 grid size-8 place-items-center rounded-full bg-black/35 text-white shadow-sm backdrop-blur-md transition hover:bg-black/55 focus:outline-none focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-amber-400 pointer-coarse:hidden ${
          inner === 0 || open ? "opacity-100" : "opacity-0 group-hover:opacity-100"
        }`}
      >
        <TemplateIcon className="size-4" />
      </button>
      {open && <SavePictureDialog t={t} locale={locale} generation={g} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Cancel (in progress) and delete (in progress or failed) for the person's
 * own unfinished generations (an admin's: anyone's), each after a confirmation.
 */
export function CardActions({ generation: g }: { generation: Generation }) {
  const { t, user, role, feed } = useStudio();
  const [pending, setPending] = useState<Pending | null>(null);
  const inner = useInnerTabIndex();
  // The server decides (creator or admin); the buttons only show where it would agree.
  if (g.createdBy !== user && role !== "admin") return null;

  const active = g.status !== "failed" && g.status !== "completed";
  // A picture being saved exists and is paid for: nothing left to cancel; a cancelled one is cancelled.
  const canCancel = active && g.saving === null && g.cancelledAt === null;
  const name = shortPrompt(g.prompt);
  const C = t.gallery.card;

  async function confirm(kind: Pending["kind"]) {
    setPending({ kind, busy: true, error: null });
    try {
      if (kind === "cancel") {
        feed.settle(await api.cancel(g.id));
      } else {
        await api.remove(g.id).catch((e: unknown) => {
          // Already gone (someone else deleted it): the outcome the person wanted.
          if (!(e instanceof ApiError && e.status === 404)) throw e;
        });
        feed.removeLocal(g.id);
      }
      setPending(null);
    } catch (e) {
      setPending({ kind, busy: false, error: errorText(e, t) });
    }
  }

  return (
    <div className="relative flex shrink-0 gap-1">
      {canCancel && (
        <button
          type="button"
          tabIndex={inner}
          aria-label={format(C.cancel, { prompt: name })}
          title={C.cancelShort}
          onClick={() => setPending({ kind: "cancel", busy: false, error: null })}
          className={ICON_BUTTON}
        >
          <StopIcon className="size-3.5 @min-[9rem]:size-4" />
        </button>
      )}
      <button
        type="button"
        tabIndex={inner}
        aria-label={format(C.delete, { prompt: name })}
        title={C.deleteShort}
        onClick={() => setPending({ kind: "delete", busy: false, error: null })}
        className={ICON_BUTTON}
      >
        <TrashIcon className="size-3.5 @min-[9rem]:size-4" />
      </button>
      {pending?.kind === "cancel" && (
        <ConfirmDialog
          title={t.gallery.confirmCancel.title}
          // Waiting: never sent, so the cancel is free.
          body={g.status === "waiting" ? t.gallery.confirmCancel.bodyWaiting : t.gallery.confirmCancel.body}
          confirmLabel={t.gallery.confirmCancel.confirm}
          cancelLabel={t.gallery.confirmCancel.keep}
          busyLabel={t.gallery.confirmCancel.cancelling}
          busy={pending.busy}
          error={pending.error}
          onConfirm={() => void confirm("cancel")}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === "delete" && (
        <ConfirmDialog
          title={t.gallery.confirmDeleteUnfinished.title}
          body={
            g.status === "waiting"
              ? t.gallery.confirmDeleteUnfinished.bodyWaiting
              : active
                ? t.gallery.confirmDeleteUnfinished.bodyActive
                : t.gallery.confirmDeleteUnfinished.bodyFailed
          }
          confirmLabel={t.gallery.confirmDelete.confirm}
          cancelLabel={t.gallery.confirmDelete.cancel}
          busyLabel={t.gallery.confirmDelete.deleting}
          busy={pending.busy}
          error={pending.error}
          onConfirm={() => void confirm("delete")}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
