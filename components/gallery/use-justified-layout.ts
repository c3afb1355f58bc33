"use client";
import { useLayoutEffect, useMemo, useState } from "react";
import { justify, rowMetrics, type Box } from "./justified";

/**
 * Measures the list (a callback ref) and lays its items out in justified rows.
 * Before the first measurement `boxes` is null and cards fall back to a CSS
 * flex-basis guess; the measurement happens before the first paint.
 */
export function useJustifiedLayout(ratios: number[]) {
  const [node, setNode] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    if (!node) return;
    const measure = () => setWidth(Math.floor(node.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [node]);

  const key = ratios.map((r) => r.toFixed(4)).join(",");
  const { target, gap } = rowMetrics(width);
  const boxes = useMemo<Box[] | null>(
    () => (width > 0 ? justify({ ratios: key ? key.split(",").map(Number) : [], width, target, gap }) : null),
    [key, width, target, gap],
  );
  return { ref: setNode, boxes, gap: width > 0 ? gap : 8 };
}
