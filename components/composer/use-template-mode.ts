"use client";
import { useCallback, useMemo, useState } from "react";
import { readBlanks, withBlank, type BlankValues, type Blanks, type ChosenTemplate } from "@/components/templates/template-blanks";
import type { TemplatesPanel } from "@/components/templates/templates-menu";

/**
 * Template mode: while a chosen template is being filled in, the prompt keeps
 * its {blanks} (the person may still edit it; the fields follow the text) and
 * each blank's words are kept here, by name.
 */
export function useTemplateMode(input: { prompt: string; setPrompt(prompt: string): void }) {
  const { prompt, setPrompt } = input;
  const [template, setTemplate] = useState<ChosenTemplate | null>(null);
  const [blankValues, setBlankValues] = useState<BlankValues>({});
  const [templatesPanel, setTemplatesPanel] = useState<TemplatesPanel>(null);

  // Outside template mode a {word} is plain text: nothing to fill, nothing blocks Generate.
  const blanks = useMemo<Blanks>(
    () => (template ? readBlanks(prompt, blankValues) : { names: [], firstEmpty: null, filled: prompt }),
    [template, prompt, blankValues],
  );

  const setBlankValue = useCallback((name: string, value: string) => setBlankValues((values) => withBlank(values, name, value)), []);

  const startTemplate = useCallback((chosen: ChosenTemplate) => {
    setTemplate(chosen);
    setBlankValues({});
  }, []);

  /** Out of template mode with the prompt as it was (remix brings a prompt of its own). */
  const forgetTemplate = useCallback(() => {
    setTemplate(null);
    setBlankValues({});
  }, []);

  const leaveTemplate = useCallback(() => {
    setPrompt(blanks.filled);
    forgetTemplate();
  }, [blanks.filled, setPrompt, forgetTemplate]);

  return { template, blankValues, setBlankValue, blanks, startTemplate, forgetTemplate, leaveTemplate, templatesPanel, setTemplatesPanel };
}
