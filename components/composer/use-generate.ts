"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { api, ApiError } from "@/lib/client/api";
import { rememberPrompt } from "@/lib/client/prompt-history";
import type { CreateGenerationRequest } from "@/lib/contract";
import { requestFit } from "@/lib/client/request-fit";
import { getModel, MAX_PROMPT_LENGTH } from "@/lib/models";
import { useComposer } from "./composer-api";
import { describeFailure, type Failure } from "./describe-failure";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { promptLength } from "./prompt-box";
import { useSessionLimits } from "./use-session-limits";

/** Why Generate cannot be pressed right now, or null when it can ("limits": the request does not fit, see `fit.refusal`). */
export type Blocker = "prompt" | "over" | "blank" | "preparing" | "uploadFailed" | "limits" | null;

/**
 * Sends the composer's settings as one request per click. The composer keeps
 * its prompt and references afterwards (people iterate), and on failure
 * nothing is lost: the state lives in the provider, untouched here.
 */
export function useGenerate() {
  const { t, locale, feed } = useStudio();
  const c = useComposer();
  const { limits, refresh: refreshLimits } = useSessionLimits();
  // What this request costs and whether it fits, as the settings change.
  const fit = limits ? requestFit(limits, { model: c.model, imageSize: c.imageSize, count: c.count }) : null;
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [started, setStarted] = useState<number | null>(null);
  // Of those started, how many wait for a slot (past the in-flight cap they queue).
  const [startedWaiting, setStartedWaiting] = useState(0);
  // A ref, not state: two clicks in one frame both see `sending` false.
  const busy = useRef(false);
  // After a network error the request may have arrived: resending the same body reuses its key.
  const unsure = useRef<{ body: string; key: string } | null>(null);

  // From a template, the prompt sent is the one with the blanks' words in it.
  const prompt = c.blanks.filled;
  const length = promptLength(prompt);
  const blocker: Blocker =
    length === 0
      ? "prompt"
      : length > MAX_PROMPT_LENGTH
        ? "over"
        : c.blanks.firstEmpty !== null
          ? "blank"
          : c.preparingReferences > 0 || c.uploadingReferences > 0
          ? "preparing"
          : c.failedUploads > 0
            ? "uploadFailed"
            : fit?.refusal
              ? "limits"
              : null;

  useEffect(() => {
    if (started === null) return;
    const timer = setTimeout(() => setStarted(null), 5000);
    return () => clearTimeout(timer);
  }, [started]);

  const generate = useCallback(async () => {
    if (busy.current || blocker) return;
    const info = getModel(c.model)!;
    const references = c.references;
    const body: CreateGenerationRequest = {
      model: c.model,
      prompt,
      aspectRatio: c.aspectRatio,
      ...(info.sizes.length > 1 ? { imageSize: c.imageSize } : {}),
      // Uploaded pictures go by id: the request carries no picture bytes.
      references: references.map((r) => r.value),
      count: c.count,
      // Counted as one of the template's uses and listed under it on /templates.
      ...(c.template ? { templateId: c.template.id } : {}),
    };
    const fingerprint = JSON.stringify(body);
    const idempotencyKey = unsure.current?.body === fingerprint ? unsure.current.key : newIdempotencyKey();
    busy.current = true;
    setSending(true);
    setFailure(null);
    setStarted(null);
    try {
      const generations = await api.create({ ...body, idempotencyKey });
      unsure.current = null;
      feed.addCreated(generations);
      rememberPrompt(prompt);
      setStarted(generations.length);
      setStartedWaiting(generations.filter((g) => g.status === "waiting").length);
    } catch (error) {
      unsure.current = error instanceof ApiError && error.code === "network_error" ? { body: fingerprint, key: idempotencyKey } : null;
      setFailure(describeFailure({ error, prompt, references, t, locale }));
    } finally {
      busy.current = false;
      setSending(false);
      // Used today, in flight, spent: changed by this request (or stale, if it was refused).
      refreshLimits();
    }
  }, [blocker, c.model, prompt, c.aspectRatio, c.imageSize, c.references, c.count, c.template, feed, t, locale, refreshLimits]);

  // A message about the prompt stays only while the prompt is the one refused.
  const promptError = failure?.prompt && failure.prompt.text === prompt ? failure.prompt.message : null;
  return {
    generate,
    sending,
    blocker,
    /** The blank Generate waits for (blocker "blank"). */
    emptyBlank: c.blanks.firstEmpty,
    fit,
    limits,
    started,
    startedWaiting,
    promptError,
    refused: failure?.references ?? new Map<string, string>(),
    trayProblem: failure?.tray ?? null,
    general: failure?.general ?? null,
  };
}

export type GenerateState = ReturnType<typeof useGenerate>;
