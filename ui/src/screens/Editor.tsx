// The roadmap editor: side menu, one section at a time, the save
// indicator, undo/redo (Ctrl+Z, Ctrl+Maj+Z or Ctrl+Y).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, type Edit, type EditReply, type RoadmapView } from "../api";
import { mergeReply } from "../patch";
import { sections, type Section, type Target } from "../navigation";
import { EditorContext, saveLabel, type EditorApi, type SaveState } from "../saving";
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
import { dateLong, decisionLabel, roadmapStatusLabel } from "../french";
import { latestAvis } from "../review/remarks";

export function Editor({ initial, onClose }: { initial: RoadmapView; onClose: () => void }) {
  const [view, setView] = useState(initial);
  const [section, setSection] = useState<Section>("fiche");
  const [action, setAction] = useState<number | null>(null);
  const [indicator, setIndicator] = useState<number | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [focus, setFocus] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const [notice, setNotice] = useState<string | null>(initial.notice ?? null);
  const pending = useRef(0);
  const id = view.roadmap.id;
  // The latest view, for the version the next change is built on; changes
  // go one after the other, each on the version the previous one left.
  const latest = useRef(view);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const run = useCallback(
    (
      step: (version: number) => Promise<RoadmapView | EditReply>,
      quietCodes: string[] = [],
      undoing = false,
    ): Promise<ApiError | null> => {
      const go = async (): Promise<ApiError | null> => {
        setSave({ kind: "saving" });
        try {
          const got = await step(latest.current.version);
          const next = "patch" in got ? mergeReply(latest.current, got) : got;
          latest.current = next;
          setView(next);
          if (next.notice) setNotice(next.notice);
          setSave({ kind: "saved", at: new Date() });
          setSaves((n) => n + 1);
          return null;
        } catch (e) {
          const err = e instanceof ApiError ? e : new ApiError("internal", String(e));
          if (err.code === "stale" || err.code === "undo_lost") {
            // The roadmap changed elsewhere (import, another window, the
            // command line): nothing was written; show it as it is now,
            // and say why (an undo refused says that undo is gone).
            let dropped: string | null = null;
            try {
              const fresh = await api.openRoadmap(id);
              latest.current = fresh;
              setView(fresh);
              dropped = fresh.notice ?? null;
            } catch {
              // The message below still says what happened.
            }
            setNotice(
              undoing && dropped
                ? `Annulation impossible : ${dropped}. L’affichage montre la feuille de route telle qu’elle est maintenant.`
                : dropped
                  ? `${err.message} ; ${dropped}.`
                  : err.message,
            );
            setSave({ kind: "idle" });
            return err;
          }
          setSave(
            quietCodes.includes(err.code) ? { kind: "idle" } : { kind: "error", message: err.message },
          );
          return err;
        }
      };
      const next = queue.current.then(go, go);
      queue.current = next;
      return next;
    },
    [id],
  );

  const ctx: EditorApi = useMemo(
    () => ({
      view,
      edit: (edit: Edit, options?: { quiet?: boolean }) =>
        run((version) => api.applyEdit(id, version, edit), options?.quiet ? ["referenced"] : []),
      answer: (avis, remark, state, text) =>
        run((version) => api.answerRemark(id, version, avis, remark, state, text)),
      setPending: (on: boolean) => {
        pending.current = Math.max(0, pending.current + (on ? 1 : -1));
        if (on) setSave({ kind: "pending" });
      },
    }),
    [view, id, run],
  );

  // Undo / redo from the keyboard, unless a field holds uncommitted typing
  // (then the field's own undo applies).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || pending.current > 0) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        void run((version) => api.undo(id, version), [], true);
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        void run((version) => api.redo(id, version), [], true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [id, run]);

  // After following a warning, focus the field it names.
  useEffect(() => {
    if (!focus) return;
    const el = document.getElementById(focus);
    if (el) {
      el.scrollIntoView?.({ block: "center" });
      el.focus();
    }
    setFocus(null);
  }, [focus, section, action, indicator]);

  const go = (t: Target) => {
    setSection(t.section);
    if (t.section === "actions") setAction(t.item);
    if (t.section === "indicateurs") setIndicator(t.item);
    setFocus(t.field);
  };

  const r = view.roadmap;
  const warningCount = view.warnings.length;
  const readOnly = !view.authored;
  const lastAvis = latestAvis(view.review);
  const [adopting, setAdopting] = useState(false);
  const adopt = async () => {
    setAdopting(false);
    try {
      const next = await api.adoptRoadmap(id);
      latest.current = next;
      setView(next);
      setSave({ kind: "saved", at: new Date() });
    } catch (e) {
      setSave({ kind: "error", message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const shownSections = sections.filter((s) => s.id !== "remarques" || view.review.remarks.length > 0);
  return (
    <EditorContext.Provider value={ctx}>
      <div className="fdr-toolbar">
        <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
          Toutes les feuilles de route
        </Button>
        {!readOnly && (<>
        <Button
          priority="tertiary"
          iconId="fr-icon-arrow-go-back-line"
          disabled={view.undo_steps === 0}
          onClick={() => run((version) => api.undo(id, version), [], true)}
          title="Annuler la dernière modification (Ctrl+Z)"
        >
          Annuler
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-arrow-go-forward-line"
          disabled={view.redo_steps === 0}
          onClick={() => run((version) => api.redo(id, version), [], true)}
          title="Rétablir (Ctrl+Maj+Z)"
        >
          Rétablir
        </Button>
        </>)}
        <p className="fdr-save-status fr-mb-0" role="status" aria-live="polite" id="save-status" data-state={save.kind} data-saves={saves}>
          {saveLabel(save)}
        </p>
      </div>
      {notice && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          title="La feuille de route a changé ailleurs"
          description={notice}
          closable
          onClose={() => setNotice(null)}
        />
      )}
      {save.kind === "error" && (
        <Alert
          className="fr-mb-2w"
          severity="error"
          title="La dernière modification n’a pas été enregistrée"
          description={save.message}
        />
      )}
      <h1 className="fr-h3">
        Thème {r.theme.number} — {r.theme.title}
      </h1>
      {readOnly && (
        <div className="fr-notice fr-notice--info fr-mb-2w" id="received-banner">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                Feuille de route reçue : lecture seule sur ce poste. Son auteur
                {r.animators.length ? ` (${r.animators.map((a) => a.name).join(", ")})` : ""} la modifie et en envoie
                les révisions ; le secrétariat y répond par un avis.
              </p>
            </div>
          </div>
        </div>
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
                  Ce poste en deviendra l’auteur : il pourra la modifier et en exporter les révisions suivantes
                  (à partir de la révision {r.revision}). À ne faire que pour votre propre feuille de route
                  (réinstallation) ou si vous devenez l’animateur du thème : sinon deux copies l’écriraient chacune de
                  leur côté.
                </span>
                <span className="fdr-toolbar fr-mt-2w">
                  <Button size="small" onClick={() => void adopt()}>
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
          severity={lastAvis.avis.decision === "validated" ? "success" : view.review.open_blocking > 0 ? "warning" : "info"}
          small
          description={`Avis du secrétariat : ${decisionLabel[lastAvis.avis.decision]}, le ${dateLong(lastAvis.avis.issued_at.slice(0, 10))}, sur la révision ${lastAvis.avis.roadmap.revision}${lastAvis.avis.roadmap.revision < r.revision ? ` (la feuille de route en est à la révision ${r.revision})` : ""}${view.review.open_blocking > 0 ? ` — ${view.review.open_blocking} remarque${view.review.open_blocking > 1 ? "s" : ""} bloquante${view.review.open_blocking > 1 ? "s" : ""} sans réponse` : ""}.`}
        />
      )}
      <p>
        <span className="fr-badge fr-badge--sm fr-badge--info fr-mr-1w">{roadmapStatusLabel[r.status]}</span>
        {r.revision === 0 ? "Jamais exportée" : `Révision ${r.revision}${view.edited ? " (modifiée depuis)" : ""}`}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <SideMenu
            align="left"
            burgerMenuButtonText="Sections de la feuille de route"
            title="Sections"
            items={shownSections.map((s) => ({
              text:
                s.id === "verifications" && warningCount > 0
                  ? `${s.label} (${warningCount})`
                  : s.id === "remarques"
                    ? `${s.label} (${view.review.remarks.filter((x) => !x.answer).length} sans réponse)`
                    : s.label,
              isActive: s.id === section,
              linkProps: {
                href: `#${s.id}`,
                onClick: (e: React.MouseEvent) => {
                  e.preventDefault();
                  setSection(s.id);
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
          {section === "verifications" && <Checks onGo={go} onRemarks={() => setSection("remarques")} />}
          {section === "remarques" && <Remarks />}
          {section === "export" && <Export onExported={() => void run(() => api.openRoadmap(id))} />}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
