"use client";
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from "react";

// What a modal dialog needs beyond its markup: focus moves in on open and back
// out on close, Tab stays inside, the page behind neither scrolls nor reaches
// assistive tech (inert + aria-hidden on body's other children). Counters make
// nested dialogs (the delete confirmation over the lightbox) safe to close in
// any order. ModalDialog is the shell built on it; the lightbox, a full-screen
// dialog with keys of its own, uses it directly.

const hiddenBy = new WeakMap<Element, number>();
let scrollLocks = 0;
let savedBodyStyle = { overflow: "", paddingRight: "" };

function hideOutside(dialog: HTMLElement): () => void {
  const hidden: Element[] = [];
  for (const el of Array.from(document.body.children)) {
    if (el.contains(dialog) || el.tagName === "SCRIPT" || el.tagName === "STYLE") continue;
    const count = hiddenBy.get(el) ?? 0;
    // Only what we hid ourselves is ever un-hidden again.
    if (count === 0 && (el.hasAttribute("inert") || el.getAttribute("aria-hidden") === "true")) continue;
    if (count === 0) {
      el.setAttribute("inert", "");
      el.setAttribute("aria-hidden", "true");
    }
    hiddenBy.set(el, count + 1);
    hidden.push(el);
  }
  return () => {
    for (const el of hidden) {
      const count = (hiddenBy.get(el) ?? 1) - 1;
      hiddenBy.set(el, count);
      if (count === 0) {
        el.removeAttribute("inert");
        el.removeAttribute("aria-hidden");
      }
    }
  };
}

function lockScroll(): () => void {
  if (scrollLocks++ === 0) {
    const body = document.body;
    savedBodyStyle = { overflow: body.style.overflow, paddingRight: body.style.paddingRight };
    // Keep the page from shifting sideways when its scrollbar disappears.
    const scrollbar = window.innerWidth - document.documentElement.clientWidth;
    body.style.overflow = "hidden";
    if (scrollbar > 0) body.style.paddingRight = `${scrollbar}px`;
  }
  return () => {
    if (--scrollLocks === 0) {
      document.body.style.overflow = savedBodyStyle.overflow;
      document.body.style.paddingRight = savedBodyStyle.paddingRight;
    }
  };
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0 && !el.closest("[inert]"),
  );
}

/** Keeps Tab and Shift+Tab cycling inside `container`; call from the dialog's onKeyDown. */
export function trapTab(event: KeyboardEvent, container: HTMLElement | null) {
  if (event.key !== "Tab" || !container) return;
  const items = focusables(container);
  if (items.length === 0) {
    event.preventDefault();
    container.focus();
    return;
  }
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === container || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Call in a component that is mounted only while its dialog is open.
 * `returnFocus` picks where focus goes on close (null: where it was before;
 * false: nowhere, because the caller moves it itself).
 */
export function useModal(options: {
  dialog: RefObject<HTMLElement | null>;
  initialFocus?: RefObject<HTMLElement | null>;
  returnFocus?: () => HTMLElement | null | false;
}) {
  const { dialog, initialFocus } = options;
  const returnFocus = useRef(options.returnFocus);
  useLayoutEffect(() => {
    returnFocus.current = options.returnFocus;
  });

  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    // A re-run (Strict Mode) finds focus already inside: keep the real opener.
    const active = document.activeElement;
    if (!(active && node.contains(active))) opener.current = active instanceof HTMLElement ? active : null;
    (initialFocus?.current ?? node).focus({ preventScroll: true });
    const unhide = hideOutside(node);
    const unlock = lockScroll();
    return () => {
      unhide();
      unlock();
      const chosen = returnFocus.current?.() ?? null;
      if (chosen === false) return;
      const target = chosen ?? opener.current;
      // After every cleanup of this commit has run: a dialog closing together
      // with one over it must not focus into a page the other still keeps inert.
      // A node still in the document was only re-run (Strict Mode), not closed.
      queueMicrotask(() => {
        if (!node.isConnected && target?.isConnected) target.focus();
      });
    };
  }, [dialog, initialFocus]);
}
