// The application's shell: skip links, the DSFR header, one screen at a
// time (start, editor, history, avis) in the main landmark, the footer, and
// the app-wide live region (`announce`). A new screen starts at the top with
// its heading focused.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { LiveRegion } from "./announce";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, type FileImport, type Notice, type RoadmapView } from "./api";
import { showExportSection, undoRedo, watchUndoKeys, type PageAction } from "./menu";
import { AvisScreen } from "./screens/Avis";
import { Editor } from "./screens/Editor";
import { History } from "./screens/History";
import { importSummary, Start } from "./screens/Start";

// Loaded when first shown: they are not needed to start.
const About = lazy(() => import("./screens/About").then((m) => ({ default: m.About })));
const Guide = lazy(() => import("./screens/Guide").then((m) => ({ default: m.Guide })));

/**
 * Scrolls to the top and focuses the screen's first heading (`h1` in
 * `#contenu`), waiting a little for a screen that renders it late.
 */
export function focusScreenHeading(): () => void {
  window.scrollTo?.({ top: 0 });
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    const h = document.querySelector<HTMLElement>("#contenu h1");
    if (h) {
      h.tabIndex = -1;
      h.focus({ preventScroll: true });
    } else if (tries++ < 40) timer = setTimeout(attempt, 25);
  };
  attempt();
  return () => clearTimeout(timer);
}

export function App() {
  const [open, setOpen] = useState<RoadmapView | null>(null);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);
  const [avis, setAvis] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [location, setLocation] = useState<string>("");
  const [notices, setNotices] = useState<Notice[]>([]);
  /** The guide or À propos, shown over the screen (which stays mounted, typing included). */
  const [page, setPage] = useState<"guide" | "about" | null>(null);
  /** Files the shell opened (command line, « Ouvrir avec », a second launch, Fichier → Importer). */
  const [received, setReceived] = useState<FileImport[] | null>(null);
  const clearReceived = useCallback(() => setReceived(null), []);
  const editing = useRef(false);
  editing.current = open !== null;
  useEffect(() => {
    api.storeLocation().then(setLocation).catch(() => setLocation(""));
    api.startupNotices().then(setNotices).catch(() => setNotices([]));
  }, []);

  // The native menu and opened files (src-tauri/src/events.rs).
  useEffect(() => {
    const onAction = (action: PageAction) => {
      if (action === "guide" || action === "about") setPage(action);
      else if (action === "export") {
        setPage(null);
        if (!editing.current || !showExportSection())
          setError("Ouvrez d’abord une feuille de route pour l’exporter ; la consolidation régionale est sur l’accueil.");
      }
    };
    const unwatch = watchUndoKeys();
    api
      .appEvents((e) => {
        if (e.kind === "opened") setReceived(e.files);
        else if (e.action === "undo" || e.action === "redo") undoRedo(e.action);
        else onAction(e.action);
      })
      .catch(() => undefined);
    return unwatch;
  }, []);

  // Each screen change (not the first screen) starts at the top, on its heading.
  const screen = open
    ? `editor:${open.roadmap.id}`
    : history
      ? `history:${history.id}`
      : avis
        ? `avis:${avis}`
        : page
          ? `page:${page}`
          : "start";
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    return focusScreenHeading();
  }, [screen]);

  const show = (p: Promise<RoadmapView>) => {
    setError(null);
    p.then(setOpen).catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  return (
    <>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: "#contenu" },
          ...(open ? [{ label: "Sections de la feuille de route", anchor: "#sections" }] : []),
          { label: "Pied de page", anchor: "#pied" },
        ]}
      />
      <Header
        brandTop={
          <>
            Préfecture
            <br />
            de la région
            <br />
            Hauts-de-France
          </>
        }
        serviceTitle="Feuilles de route"
        serviceTagline="Stratégie de prévention et de lutte contre la pauvreté"
        homeLinkProps={{
          href: "#",
          title: "Accueil — Feuilles de route",
          onClick: (e: React.MouseEvent) => {
            e.preventDefault();
            setOpen(null);
            setHistory(null);
            setAvis(null);
            setPage(null);
          },
        }}
      />
      <main className="fr-container fdr-main" id="contenu" tabIndex={-1}>
        {notices.map((n, i) => (
          <Alert
            key={i}
            className="fr-mb-2w"
            severity={n.kind === "crash" ? "warning" : "info"}
            title={n.kind === "crash" ? "Arrêt inattendu lors d’une utilisation précédente" : "Emplacement de la base"}
            description={
              <>
                {n.message}
                {n.kind === "crash" && (
                  <>
                    <br />
                    <Button className="fr-mt-1w" size="small" priority="secondary" onClick={() => void api.openLogFolder().catch(() => undefined)}>
                      Ouvrir le dossier des journaux
                    </Button>
                  </>
                )}
              </>
            }
            closable
            onClose={() => setNotices((all) => all.filter((x) => x !== n))}
          />
        ))}
        {error && <Alert className="fr-mb-2w" severity="error" title="Action impossible" description={error} />}
        {received && open && (
          <Alert
            className="fr-mb-2w"
            severity="info"
            title="Fichiers reçus"
            description={
              <>
                {received.map((f) => `${f.name} : ${importSummary(f)}`).join(" ; ")}
                <br />
                <Button className="fr-mt-1w" size="small" priority="secondary" onClick={() => setOpen(null)}>
                  Voir l’accueil
                </Button>
              </>
            }
          />
        )}
        {page && (
          <Suspense fallback={<p>Chargement…</p>}>
            {page === "about" ? <About onClose={() => setPage(null)} /> : <Guide onClose={() => setPage(null)} />}
          </Suspense>
        )}
        <div hidden={page !== null}>
          {open ? (
            <Editor key={open.roadmap.id} initial={open} onClose={() => setOpen(null)} />
          ) : history ? (
            <History id={history.id} title={history.title} onClose={() => setHistory(null)} />
          ) : avis ? (
            <AvisScreen roadmap={avis} onClose={() => setAvis(null)} />
          ) : (
            <Start
              onOpen={(id) => show(api.openRoadmap(id))}
              onCreate={(theme) => show(api.createRoadmap(theme))}
              onHistory={(id, title) => setHistory({ id, title })}
              onAvis={(id) => setAvis(id)}
              received={received}
              onReceivedShown={clearReceived}
            />
          )}
        </div>
        <LiveRegion />
      </main>
      <footer className="fr-container fr-py-2w fr-text--xs fdr-footer" id="pied" tabIndex={-1}>
        <span>
          Données enregistrées sur cet ordinateur{location ? ` : ${location}` : ""}. Aucune connexion réseau.
        </span>
        <span className="fdr-footer-links">
          <button type="button" className="fr-link fr-text--xs" onClick={() => setPage("guide")}>
            Guide d’utilisation
          </button>
          <button type="button" className="fr-link fr-text--xs" onClick={() => setPage("about")}>
            À propos
          </button>
        </span>
      </footer>
    </>
  );
}
