// Frames and keys in the page: the longest gap between two frames is the
// longest the page was blocked, and the longest time from a key to the next
// frame the longest input delay (large.e2e.ts, and bench/app/).

/** Starts counting frames in the page: the longest gap between two frames is the longest the page was blocked. */
export async function watchFrames() {
  await browser.execute(() => {
    const w = window as unknown as { fdrFrames: number[]; fdrKeys: number[]; fdrWatching?: boolean };
    // Called again, it starts the count afresh (one frame loop and one key listener, never two).
    w.fdrFrames = [];
    w.fdrKeys = [];
    if (w.fdrWatching) return;
    w.fdrWatching = true;
    const tick = (t: number) => {
      if (w.fdrFrames.length < 100000) w.fdrFrames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    document.addEventListener("keydown", (e) => w.fdrKeys.push(e.timeStamp), true);
  });
}

export async function frames(): Promise<{ longestGap: number; longestKeyToFrame: number; keys: number }> {
  return browser.execute(() => {
    const w = window as unknown as { fdrFrames: number[]; fdrKeys: number[] };
    let longestGap = 0;
    for (let i = 1; i < w.fdrFrames.length; i++) longestGap = Math.max(longestGap, (w.fdrFrames[i] ?? 0) - (w.fdrFrames[i - 1] ?? 0));
    let longestKeyToFrame = 0;
    for (const k of w.fdrKeys) {
      const next = w.fdrFrames.find((f) => f >= k);
      if (next !== undefined) longestKeyToFrame = Math.max(longestKeyToFrame, next - k);
    }
    return { longestGap, longestKeyToFrame, keys: w.fdrKeys.length };
  });
}
