// Long lists (400 actions, 120 indicators) are rendered in steps: the first
// rows at once, the rest in low-priority renders (transitions) that React
// interrupts for typing and clicks, so showing the list never blocks input.
import { startTransition, useEffect, useState } from "react";

/** Rows rendered at once when a list appears. */
export const FIRST_ROWS = 40;
/**
 * Rows added by each later step. Measured in the real window (Xvfb): a
 * frame's cost is mostly painting, whatever the step; 60 rows a step shows
 * 400 in about half a second, 20 a step in over a second, with frames alike.
 */
export const STEP_ROWS = 60;

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
