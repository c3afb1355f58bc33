"use client";
import { useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import { singleFlight } from "@/lib/client/single-flight";
import { Spinner } from "./icons";

/**
 * Work one form does at a time (creating took ~1 s with no sign of
 * it, and a second click sent a second request): `busy` for the button, and
 * `run`, which drops a call while one is under way.
 */
export function useBusy() {
  const flight = useRef(singleFlight());
  const [busy, setBusy] = useState(false);
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    return flight.current.run(async () => {
      setBusy(true);
      try {
        return await work();
      } finally {
        setBusy(false);
      }
    });
  }
  return { busy, run };
}

/**
 * A button that shows work: while `busy` it spins, says `busyLabel`
 * ("Creating…"), is aria-busy and aria-disabled (not disabled: focus stays on
 * it, so a keyboard user is not thrown to the top of the page), and a click
 * does nothing. The form's submit handler must still drop a second submit
 * (Enter in a field): see useBusy.
 */
export function BusyButton(props: { busy: boolean; busyLabel: string; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children">) {
  const { busy, busyLabel, children, onClick, className, type = "submit", ...rest } = props;
  return (
    <button
      {...rest}
      type={type}
      aria-busy={busy || undefined}
      aria-disabled={busy || rest["aria-disabled"] || undefined}
      onClick={(e) => {
        if (busy) return e.preventDefault();
        onClick?.(e);
      }}
      className={`${className ?? ""} gap-2 aria-busy:cursor-progress aria-disabled:opacity-70`.trim()}
    >
      {busy && <Spinner className="size-4 shrink-0" />}
      {busy ? busyLabel : children}
    </button>
  );
}
