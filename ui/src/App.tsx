import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { useEffect, useState } from "react";
import { api, ApiError, type RoadmapView } from "./api";
import { AvisScreen } from "./screens/Avis";
import { Editor } from "./screens/Editor";
import { History } from "./screens/History";
import { Start } from "./screens/Start";

export function App() {
  const [open, setOpen] = useState<RoadmapView | null>(null);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);
  const [avis, setAvis] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [location, setLocation] = useState<string>("");
  useEffect(() => {
    api.storeLocation().then(setLocation).catch(() => setLocation(""));
  }, []);

  const show = (p: Promise<RoadmapView>) => {
    setError(null);
    p.then(setOpen).catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  return (
    <>
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
          },
        }}
      />
      <main className="fr-container fdr-main" id="contenu">
        {error && <Alert className="fr-mb-2w" severity="error" title="Action impossible" description={error} />}
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
          />
        )}
      </main>
      <footer className="fr-container fr-py-2w fr-text--xs">
        Données enregistrées sur cet ordinateur{location ? ` : ${location}` : ""}. Aucune connexion réseau.
      </footer>
    </>
  );
}
