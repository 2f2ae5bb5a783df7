// The application's shell: skip links, the DSFR header, one screen at a
// time (start, editor, history) in the main landmark, the footer, and the
// app-wide live region (`announce`). A new screen starts at the top with
// its heading focused.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { useEffect, useRef, useState } from "react";
import { LiveRegion } from "./announce";
import { api, ApiError, type RoadmapView } from "./api";
import { Editor } from "./screens/Editor";
import { History } from "./screens/History";
import { Start } from "./screens/Start";

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
  const [error, setError] = useState<string | null>(null);
  const [location, setLocation] = useState<string>("");
  useEffect(() => {
    api.storeLocation().then(setLocation).catch(() => setLocation(""));
  }, []);

  // Each screen change (not the first screen) starts at the top, on its heading.
  const screen = open ? `editor:${open.roadmap.id}` : history ? `history:${history.id}` : "start";
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
          },
        }}
      />
      <main className="fr-container fdr-main" id="contenu" tabIndex={-1}>
        {error && <Alert className="fr-mb-2w" severity="error" title="Action impossible" description={error} />}
        {open ? (
          <Editor key={open.roadmap.id} initial={open} onClose={() => setOpen(null)} />
        ) : history ? (
          <History id={history.id} title={history.title} onClose={() => setHistory(null)} />
        ) : (
          <Start
            onOpen={(id) => show(api.openRoadmap(id))}
            onCreate={(theme) => show(api.createRoadmap(theme))}
            onHistory={(id, title) => setHistory({ id, title })}
          />
        )}
        <LiveRegion />
      </main>
      <footer className="fr-container fr-py-2w fr-text--xs" id="pied" tabIndex={-1}>
        Données enregistrées sur cet ordinateur{location ? ` : ${location}` : ""}. Aucune connexion réseau.
      </footer>
    </>
  );
}
