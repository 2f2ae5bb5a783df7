// The application's one live region: what an action did, said to screen
// readers (« Action A3 supprimée », « PDF enregistré »). Any screen calls
// `announce(message)` (or `useAnnounce()` in a component); `<LiveRegion />`
// is rendered once, by App. Saying the same words twice announces them twice.
import { useEffect, useState } from "react";

type Listener = (message: string, serial: number) => void;

const listeners = new Set<Listener>();
let serial = 0;

/** Says `message` in the live region (polite: after what is being read). */
export function announce(message: string): void {
  serial += 1;
  for (const l of listeners) l(message, serial);
}

/** `announce`, for components (stable across renders). */
export function useAnnounce(): (message: string) => void {
  return announce;
}

/** The live region itself, visually hidden; App renders it once. */
export function LiveRegion() {
  const [said, setSaid] = useState<{ message: string; serial: number }>({ message: "", serial: 0 });
  useEffect(() => {
    const l: Listener = (message, n) => setSaid({ message, serial: n });
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  // A new element per announcement: screen readers read an insertion, even
  // of the same words as the last one.
  return (
    <div className="fr-sr-only" role="status" aria-live="polite" aria-atomic="true" id="annonces">
      {said.message && <p key={said.serial}>{said.message}</p>}
    </div>
  );
}
