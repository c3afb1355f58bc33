"use client";
import { useCallback, useRef } from "react";
import { useStudio } from "@/components/studio/studio-context";
import type { Template } from "@/lib/contract-templates";
import { format } from "@/lib/i18n/format";
import { MAX_REFERENCES } from "@/lib/models";
import type { ReferenceItem } from "./composer-api";
import { ownStoredItem, storedItem, storedReferenceUrl, type Note } from "./reference-sources";

/** The tray's slot keeping, as the composer provider does it for every source. */
export type TraySlots = {
  update(change: (list: ReferenceItem[]) => ReferenceItem[]): void;
  reserve(wanted: number): number;
  release(n: number): void;
  startUpload(item: ReferenceItem): void;
  setNotes(notes: Note[]): void;
};

/**
 * A chosen template's references into the tray. Its owner's own uploads go by
 * id as they are; anyone else's browser fetches each (readable once a finished
 * picture used it) and uploads it as their own, as remix does, since the
 * server takes only one's own ids in a request.
 */
export function useTemplateReferences(slots: TraySlots) {
  const { t, user } = useStudio();
  const { update, reserve, release, startUpload, setNotes } = slots;
  const run = useRef(0);
  return useCallback(
    async (template: Template) => {
      const thisRun = ++run.current;
      // The last template's pictures leave with it; the ones the person added stay.
      update((list) => list.filter((r) => !r.template));
      setNotes([]);
      const ids = template.references;
      if (!ids.length) return;
      const granted = reserve(ids.length);
      const items: ReferenceItem[] = [];
      let failed = ids.length - granted;
      for (const [i, id] of ids.slice(0, granted).entries()) {
        const name = format(t.templateBlanks.referenceName, { name: template.name, n: i + 1 });
        try {
          const item = template.owner === user ? ownStoredItem(id, name) : await storedItem(storedReferenceUrl(id), name);
          items.push({ ...item, template: template.id });
        } catch {
          failed += 1;
        }
      }
      release(granted);
      if (thisRun !== run.current) return;
      update((list) => [...list, ...items].slice(0, MAX_REFERENCES));
      for (const item of items) if (item.upload) startUpload(item);
      if (failed) setNotes([{ section: "templateBlanks", key: "referencesFailed", values: { n: failed } }]);
    },
    [update, reserve, release, startUpload, setNotes, t, user],
  );
}
