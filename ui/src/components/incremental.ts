// Long lists (400 actions, 120 indicators) are rendered in steps: the first
// rows at once, the rest in low-priority renders (transitions) that React
// interrupts for typing and clicks, so showing the list never blocks input.
import { startTransition, useEffect, useState } from "react";

/** Rows rendered at once when a list appears. */
export const FIRST_ROWS = 40;
/**
 * Rows added by each later step. Measured in the real window (Xvfb, WebKit
 * without GPU compositing, docs/benchmarks-app.md): 120 rows a step show
 * 400 in 138–149 ms with no frame longer than 38 ms; 60 a step took
 * 161–185 ms, 360 (one step) 127–134 ms but blocks the page for the whole
 * step's layout.
 */
export const STEP_ROWS = 120;

/** How many of `total` rows to render now; row `mustShow` (0-based) is always included. */
export function useIncremental(total: number, mustShow = -1): number {
  const [shown, setShown] = useState(() => Math.min(total, FIRST_ROWS));
  useEffect(() => {
    if (shown >= total) return;
    const t = setTimeout(() => startTransition(() => setShown((n) => Math.min(total, n + STEP_ROWS))), 0);
    return () => clearTimeout(t);
  }, [shown, total]);
  return Math.min(total, Math.max(shown, mustShow + 1));
}
