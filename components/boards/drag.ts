"use client";

// Pictures dragged from the gallery onto a board chip. The drag carries only
// this private type (no "Files", no text), so the page's file-drop overlay and
// the prompt box ignore it, and only board chips accept it.

export const PICTURES_TYPE = "application/x-nano-studio-pictures";

export function carriesPictures(event: { dataTransfer: DataTransfer | null }): boolean {
  return Boolean(event.dataTransfer && Array.from(event.dataTransfer.types).includes(PICTURES_TYPE));
}

/** The picture ids of a drop (only readable in `drop`). */
export function droppedPictures(event: { dataTransfer: DataTransfer | null }): string[] {
  try {
    const ids: unknown = JSON.parse(event.dataTransfer?.getData(PICTURES_TYPE) || "[]");
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Starts a drag of these pictures; more than one shows a small "3 pictures" badge under the pointer. */
export function startPicturesDrag(event: React.DragEvent, ids: string[], badge: string) {
  const data = event.dataTransfer;
  data.clearData();
  data.setData(PICTURES_TYPE, JSON.stringify(ids));
  data.effectAllowed = "copy";
  if (ids.length < 2) return;
  const ghost = document.createElement("div");
  ghost.textContent = badge;
  ghost.style.cssText =
    "position:fixed;top:-100px;left:-100px;padding:6px 12px;border-radius:9999px;background:#f59e0b;color:#18181b;font:600 13px system-ui,sans-serif;white-space:nowrap";
  document.body.appendChild(ghost);
  data.setDragImage(ghost, 12, 12);
  // The browser took its picture of the badge when setDragImage returned.
  setTimeout(() => ghost.remove(), 0);
}
