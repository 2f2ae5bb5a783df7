// The roadmap editor: a toolbar and a side menu that stay in view (sticky),
// one section at a time, the save indicator, undo/redo (Ctrl+Z, Ctrl+Maj+Z
// or Ctrl+Y), the notice of the last deletion with *Annuler*, and where
// focus goes after each change (`focus`): the section's heading when the
// section changes, the field a warning names, the item a change concerns.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiError, Edit, RoadmapView } from "../api";
import { announce } from "../announce";
import { dateLong, decisionLabel, roadmapStatusLabel } from "../french";
import { latestAvis } from "../review/remarks";
import { sections, type Section, type Target } from "../navigation";
import {
  EditorContext,
  saveLabel,
  useRoadmapSession,
  useSaveState,
  type DeletionNotice,
  type EditorApi,
  type FocusTarget,
  type SaveStore,
} from "../saving";
import { Actions } from "../sections/Actions";
import { Checks } from "../sections/Checks";
import { Diagnostic } from "../sections/Diagnostic";
import { Export } from "../sections/Export";
import { Fiche } from "../sections/Fiche";
import { Indicators } from "../sections/Indicators";
import { Objectives } from "../sections/Objectives";
import { Participation } from "../sections/Participation";
import { ReadOnlySection } from "../sections/ReadOnly";
import { Remarks } from "../sections/Remarks";

/** How far the sticky toolbar reaches down the window, in pixels. */
function stickyBottom(): number {
  return document.getElementById("editor-bar")?.getBoundingClientRect().bottom ?? 0;
}

/**
 * Brings `el` into view and focuses it. With a heading (the item's, or its
 * row in a table), the heading is put at the top first, so the user sees
 * which item this is; then the element itself is scrolled to if it is
 * still out of view.
 */
export function reveal(target: HTMLElement, heading?: HTMLElement | null) {
  // A group (a fieldset, a table) is reached through its first control.
  const el = focusable(target)
    ? target
    : (target.querySelector<HTMLElement>("input, select, textarea, button:not([disabled])") ?? target);
  if (!focusable(el)) el.tabIndex = -1;
  if (heading) {
    // A control in a table row stands for its row.
    const anchor = heading.closest("tr") ?? heading;
    anchor.scrollIntoView?.({ block: "start" });
    clearSticky(anchor);
  }
  const r = el.getBoundingClientRect();
  const hidden = r.top < stickyBottom() || r.bottom > window.innerHeight;
  if (hidden) el.scrollIntoView?.({ block: "nearest" });
  el.focus({ preventScroll: true });
  clearSticky(el);
  if (!heading) showItemHeading(el);
}

/**
 * When the focused field's item has its heading above the window (after a
 * deletion, a move), scrolls up to show the heading too, if the heading and
 * the field fit in the window together.
 */
function showItemHeading(el: HTMLElement) {
  const h = el.closest(".fdr-item")?.querySelector("h3");
  if (!h || h.contains(el)) return;
  const bar = stickyBottom();
  const top = h.getBoundingClientRect().top;
  const bottom = el.getBoundingClientRect().bottom;
  if (top < bar && bottom - top + 24 < window.innerHeight - bar) window.scrollBy?.({ top: top - bar - 16 });
}

/** Scrolls `el` out from under the sticky toolbar, if it is under it. */
function clearSticky(el: Element) {
  if (el.closest("#editor-bar, .fdr-menu")) return;
  const top = el.getBoundingClientRect().top;
  const bar = stickyBottom();
  if (top < bar + 8) window.scrollBy?.({ top: top - bar - 16 });
}

function focusable(el: HTMLElement): boolean {
  return el.matches("input, select, textarea, button, a[href], [tabindex]");
}

/** A control the keyboard reaches (not a container focused by a click, such as <main>). */
export function isControl(el: Element): boolean {
  return el.matches("input, select, textarea, button, a[href], summary, [tabindex]:not([tabindex='-1'])");
}

function resolve(target: FocusTarget): HTMLElement | null {
  return typeof target === "string" ? document.getElementById(target) : target();
}

/** The toolbar: back, undo, redo and the save state (re-renders alone while typing). */
function Toolbar(props: {
  store: SaveStore;
  undoSteps: number;
  redoSteps: number;
  readOnly: boolean;
  onClose: () => void;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const { store, undoSteps, redoSteps, readOnly, onClose, onUndo, onRedo } = props;
  const { state, saves } = useSaveState(store);
  return (
    <>
      <div className="fdr-toolbar fr-mb-0">
        <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
          Toutes les feuilles de route
        </Button>
        {!readOnly && (
          <>
            <Button
              priority="tertiary"
              iconId="fr-icon-arrow-go-back-line"
              disabled={undoSteps === 0}
              onClick={onUndo}
              title="Annuler la dernière modification (Ctrl+Z)"
            >
              Annuler
            </Button>
            <Button
              priority="tertiary"
              iconId="fr-icon-arrow-go-forward-line"
              disabled={redoSteps === 0}
              onClick={onRedo}
              title="Rétablir (Ctrl+Maj+Z)"
            >
              Rétablir
            </Button>
          </>
        )}
        <p
          className="fdr-save-status fr-mb-0"
          role="status"
          aria-live="polite"
          id="save-status"
          data-state={state.kind}
          data-saves={saves}
        >
          {saveLabel(state)}
        </p>
      </div>
      {state.kind === "error" && (
        <Alert
          className="fr-mt-1w"
          severity="error"
          small
          title="La dernière modification n’a pas été enregistrée"
          description={state.message}
        />
      )}
    </>
  );
}

export function Editor({ initial, onClose }: { initial: RoadmapView; onClose: () => void }) {
  const session = useRoadmapSession(initial);
  const { view, current, edit, undo, redo, answer, reload, adopt, setPending, typing, saveStore, outside, clearOutside } =
    session;
  const [adopting, setAdopting] = useState(false);
  const [section, setSection] = useState<Section>("fiche");
  const [action, setAction] = useState<string | null>(null);
  const [indicator, setIndicator] = useState<string | null>(null);
  const [notice, setNotice] = useState<DeletionNotice | null>(null);

  // Focus requests, served once the render they wait for is on screen.
  const request = useRef<{ target: FocusTarget; heading?: string } | null>(null);
  const [tick, setTick] = useState(0);
  const focus = useCallback((target: FocusTarget, heading?: string) => {
    request.current = { target, heading };
    setTick((n) => n + 1);
  }, []);
  // A field reached with Tab (Shift+Tab) is never left under the sticky bar.
  // Only controls: pressing the mouse on a checkbox's label (or on any text)
  // first focuses the page's <main> (tabindex -1), and scrolling that to its
  // top moved the label away before the button was released, so the click
  // was lost (seen in the real window: the objective's box never ticked).
  useEffect(() => {
    let frame = 0;
    const onFocus = (e: FocusEvent) => {
      const el = e.target;
      if (!(el instanceof Element)) return;
      if (!isControl(el)) {
        cancelAnimationFrame(frame);
        return;
      }
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => clearSticky(el));
    };
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("focusin", onFocus);
      cancelAnimationFrame(frame);
    };
  }, []);

  // The sticky bar's height, for the menu's offset (CSS).
  useEffect(() => {
    const bar = document.getElementById("editor-bar");
    const root = document.documentElement;
    const set = () => root.style.setProperty("--fdr-bar-height", `${bar?.offsetHeight ?? 0}px`);
    set();
    const observer = typeof ResizeObserver === "undefined" || !bar ? null : new ResizeObserver(set);
    if (bar) observer?.observe(bar);
    return () => {
      observer?.disconnect();
      root.style.removeProperty("--fdr-bar-height");
    };
  }, []);

  // A new section starts at the top, its heading focused (unless a warning
  // link asked for a field: then that field). Declared before the focus
  // effect below, which serves that request in the same commit.
  const firstSection = useRef(true);
  useEffect(() => {
    if (firstSection.current) {
      firstSection.current = false;
      return;
    }
    if (request.current) return;
    window.scrollTo?.({ top: 0 });
    const h = document.querySelector<HTMLElement>("#section h2");
    if (h) {
      h.tabIndex = -1;
      h.focus({ preventScroll: true });
    }
  }, [section]);

  useEffect(() => {
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      const req = request.current;
      if (!req) return;
      const el = resolve(req.target);
      if (el) {
        request.current = null;
        reveal(el, req.heading ? document.getElementById(req.heading) : null);
      } else if (tries++ < 40) {
        // Not rendered yet (a long list grows in steps): try again shortly.
        timer = setTimeout(attempt, 25);
      }
    };
    attempt();
    return () => clearTimeout(timer);
  }, [tick]);

  const changed = useCallback(async (step: () => Promise<ApiError | null>) => {
    const e = await step();
    if (e === null) setNotice(null);
    return e;
  }, []);

  // After undo or redo, focus stays where it was, unless what held it has
  // gone (an undone addition): then the section's heading.
  const keepFocus = useCallback(
    () =>
      focus(() => {
        const a = document.activeElement as HTMLElement | null;
        return a && a !== document.body && a.isConnected ? a : document.querySelector<HTMLElement>("#section h2");
      }),
    [focus],
  );
  const doUndo = useCallback(async () => {
    const restoring = notice;
    const e = await changed(undo);
    if (e === null && restoring) {
      announce(restoring.restored);
      if (restoring.restore) focus(restoring.restore);
      else keepFocus();
    } else if (e === null) {
      announce("Dernière modification annulée.");
      keepFocus();
    }
  }, [changed, undo, notice, focus, keepFocus]);
  const doRedo = useCallback(async () => {
    const e = await changed(redo);
    if (e === null) {
      announce("Modification rétablie.");
      keepFocus();
    }
  }, [changed, redo, keepFocus]);

  // Stable across views: rows memoised on their item take them as they are.
  const editStable = useCallback(
    (e: Edit, options?: { quiet?: boolean }) => changed(() => edit(e, options)),
    [changed, edit],
  );
  const remove = useCallback(
    async (e: Edit, n: DeletionNotice, then: FocusTarget, options?: { quiet?: boolean }) => {
      const err = await edit(e, options);
      if (err === null) {
        setNotice(n);
        announce(`${n.title} Pour revenir en arrière, choisissez « Annuler la suppression » ou Ctrl+Z.`);
        focus(then);
      }
      return err;
    },
    [edit, focus],
  );
  const ctx: EditorApi = useMemo(
    () => ({ view, current, edit: editStable, remove, answer, setPending, focus }),
    [view, current, editStable, remove, answer, setPending, focus],
  );

  // Undo / redo from the keyboard, unless a field holds uncommitted typing
  // (then the field's own undo applies).
  const keys = useRef({ doUndo, doRedo });
  keys.current = { doUndo, doRedo };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typing()) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        void keys.current.doUndo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        void keys.current.doRedo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [typing]);

  const r = view.roadmap;
  const go = (t: Target) => {
    setSection(t.section);
    let heading: string | undefined;
    if (t.section === "actions" && t.item !== null) {
      setAction(r.actions[t.item]?.id ?? null);
      heading = `action-${t.item}-open`;
    }
    if (t.section === "indicateurs" && t.item !== null) {
      setIndicator(r.indicators[t.item]?.id ?? null);
      heading = `indicator-${t.item}-open`;
    }
    focus(t.field, heading);
  };
  const show = (s: Section) => {
    setNotice(null);
    setSection(s);
  };

  const warningCount = view.warnings.length;
  const readOnly = !view.authored;
  const lastAvis = latestAvis(view.review);
  const open = view.review.open_blocking;
  const unanswered = view.review.remarks.filter((x) => !x.answer).length;
  const shownSections = sections.filter((s) => s.id !== "remarques" || view.review.remarks.length > 0);
  return (
    <EditorContext.Provider value={ctx}>
      <div className="fdr-editor-bar" id="editor-bar">
        <Toolbar
          store={saveStore}
          undoSteps={view.undo_steps}
          redoSteps={view.redo_steps}
          readOnly={readOnly}
          onClose={onClose}
          onUndo={() => void doUndo()}
          onRedo={() => void doRedo()}
        />
        {/* Only while undo can restore it (the session may drop its steps after an outside change). */}
        {notice && view.undo_steps > 0 && (
          <Notice
            className="fdr-notice fr-mt-1w"
            title={notice.title}
            isClosable
            onClose={() => setNotice(null)}
            description={
              <Button
                size="small"
                priority="secondary"
                iconId="fr-icon-arrow-go-back-line"
                id="undo-deletion"
                className="fr-ml-2w"
                onClick={() => void doUndo()}
              >
                Annuler la suppression
              </Button>
            }
          />
        )}
      </div>
      {outside && (
        <Alert
          className="fr-mt-2w"
          severity="warning"
          title="La feuille de route a changé ailleurs"
          description={outside}
          closable
          onClose={clearOutside}
        />
      )}
      <h1 className="fr-h3 fr-mt-2w fr-mb-1w">
        Thème {r.theme.number} — {r.theme.title}
      </h1>
      {readOnly && (
        <Alert
          className="fr-mb-2w"
          severity="info"
          small
          description={`Feuille de route reçue : lecture seule sur ce poste. Son auteur${r.animators.length ? ` (${r.animators.map((a) => a.name).join(", ")})` : ""} la modifie et en envoie les révisions ; le secrétariat y répond par un avis.`}
        />
      )}
      {readOnly &&
        (adopting ? (
          <Alert
            className="fr-mb-2w"
            severity="warning"
            title="Reprendre la rédaction de cette feuille de route ?"
            description={
              <>
                <span>
                  Ce poste en deviendra l’auteur : il pourra la modifier et en exporter les révisions suivantes (après la
                  révision {r.revision}). À ne faire que pour votre propre feuille de route (réinstallation) ou si vous
                  devenez l’animateur du thème : sinon deux copies l’écriraient chacune de leur côté.
                </span>
                <span className="fdr-toolbar fr-mt-2w">
                  <Button
                    size="small"
                    onClick={() => {
                      setAdopting(false);
                      void adopt().then((e) => e === null && announce("Vous êtes désormais l’auteur de cette feuille de route."));
                    }}
                  >
                    Confirmer : reprendre la rédaction
                  </Button>
                  <Button size="small" priority="secondary" onClick={() => setAdopting(false)}>
                    Ne pas reprendre
                  </Button>
                </span>
              </>
            }
          />
        ) : (
          <p>
            <Button priority="secondary" size="small" iconId="fr-icon-edit-line" onClick={() => setAdopting(true)}>
              Reprendre la rédaction
            </Button>
          </p>
        ))}
      {lastAvis && (
        <Alert
          className="fr-mb-2w"
          severity={lastAvis.avis.decision === "validated" ? "success" : open > 0 ? "warning" : "info"}
          small
          description={`Avis du secrétariat : ${decisionLabel[lastAvis.avis.decision]}, le ${dateLong(lastAvis.avis.issued_at.slice(0, 10))}, sur la révision ${lastAvis.avis.roadmap.revision}${lastAvis.avis.roadmap.revision < r.revision ? ` (la feuille de route en est à la révision ${r.revision})` : ""}${open > 0 ? ` — ${open} remarque${open > 1 ? "s" : ""} bloquante${open > 1 ? "s" : ""} sans réponse` : ""}.`}
        />
      )}
      <p>
        <Badge as="span" small severity="info" className="fr-mr-1w">
          {roadmapStatusLabel[r.status]}
        </Badge>
        {r.revision === 0 ? "Jamais exportée" : `Révision ${r.revision}${view.edited ? " (modifiée depuis)" : ""}`}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3 fdr-menu" id="sections" tabIndex={-1}>
          <SideMenu
            align="left"
            burgerMenuButtonText="Sections de la feuille de route"
            title="Sections"
            items={shownSections.map((s) => ({
              text:
                s.id === "verifications" && warningCount > 0
                  ? `${s.label} (${warningCount})`
                  : s.id === "remarques"
                    ? `${s.label} (${unanswered} sans réponse)`
                    : s.label,
              isActive: s.id === section,
              linkProps: {
                href: `#${s.id}`,
                onClick: (e: React.MouseEvent) => {
                  e.preventDefault();
                  show(s.id);
                },
              },
            }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-9" id="section">
          {readOnly && <ReadOnlySection section={section} />}
          {!readOnly && section === "fiche" && <Fiche />}
          {!readOnly && section === "diagnostic" && <Diagnostic />}
          {!readOnly && section === "objectifs" && <Objectives />}
          {!readOnly && section === "actions" && <Actions selected={action} onSelect={setAction} />}
          {!readOnly && section === "indicateurs" && <Indicators selected={indicator} onSelect={setIndicator} />}
          {!readOnly && section === "participation" && <Participation />}
          {section === "verifications" && <Checks onGo={go} onRemarks={() => show("remarques")} />}
          {section === "remarques" && <Remarks />}
          {section === "export" && <Export onExported={() => void reload()} />}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
