"use client";
import { useEffect, useRef, useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { TemplatesMenu } from "@/components/templates/templates-menu";
import type { Template } from "@/lib/contract-templates";
import { templatesApi } from "@/lib/client/api";
import { useComposer } from "./composer-api";

/**
 * `/?template=<id>` (Use on /templates): the template goes into the composer
 * once, and the address loses the parameter so a reload does not choose it
 * again over what the person has typed since. False when it is not one the
 * person sees (deleted, or someone's private one).
 */
function useTemplateFromAddress(choose: (template: Template) => void): boolean {
  const latest = useRef(choose);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    latest.current = choose;
  });
  useEffect(() => {
    const url = new URL(window.location.href);
    const id = url.searchParams.get("template");
    if (!id) return;
    let current = true;
    templatesApi.list().then(
      ({ items }) => {
        if (!current) return;
        const template = items.find((item) => item.id === id);
        if (template) latest.current(template);
        else setMissing(true);
        url.searchParams.delete("template");
        window.history.replaceState(window.history.state, "", url);
      },
      () => current && setMissing(true),
    );
    return () => {
      current = false;
    };
  }, []);
  return missing;
}

/** The Templates menu and "Save as template", on the composer's state. */
export function TemplatesSlot() {
  const { t } = useStudio();
  const composer = useComposer();
  const missing = useTemplateFromAddress(composer.chooseTemplate);
  return (
    <div>
      <TemplatesMenu composer={composer} />
      {missing && (
        <p role="status" className="mt-1 text-xs text-amber-800 dark:text-amber-300">
          {t.templateBlanks.fromAddressMissing}
        </p>
      )}
    </div>
  );
}
