"use client";
import { useEffect, useRef, useState } from "react";

/**
 * A chart's body, drawn once it enters the viewport; until then an empty
 * box of its height, so nothing moves. On a phone /usage shows one chart in
 * its first screen: drawing the two below it while the page starts cost a
 * low-tier phone a long task of its own (bench 9, /usage), for pictures
 * nobody had scrolled to yet.
 */
export function DrawWhenSeen(props: { height: number; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        setSeen(true);
        observer.disconnect();
      },
      // As it enters the viewport: a chart nobody scrolls to is never drawn.
      { rootMargin: "0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return (
    <div ref={box} style={{ minHeight: props.height }}>
      {seen ? props.children : null}
    </div>
  );
}
