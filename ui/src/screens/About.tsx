// À propos: the version and build, where the data and the journal are, and
// the licences: the application's, the fonts' and the DSFR's terms, and
// every Rust and npm component's, generated at build time
// (scripts/licences.sh → src/generated/, not committed).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useRef, useState } from "react";
import dejavu from "../../../assets/fonts/LICENSE-DejaVu-Bitstream-Vera.txt?raw";
import ofl from "../../../assets/fonts/OFL-1.1.txt?raw";
import { api, ApiError, type AppInfo } from "../api";
import { dateLong } from "../french";

/** The generated list of one ecosystem's components, grouped by licence. */
export interface LicenceList {
  /** The tool that made it, with its version. */
  tool: string;
  licences: { id: string; name: string; text: string; packages: string[] }[];
}

// Lazily loaded chunks; an empty object when the lists were not generated.
const lists = import.meta.glob<LicenceList>("../generated/licences-*.json", { import: "default" });

/** The generated lists present in this build, by file stem (`rust`, `npm`). */
async function loadLists(): Promise<Record<string, LicenceList>> {
  const out: Record<string, LicenceList> = {};
  for (const [path, load] of Object.entries(lists)) {
    const stem = /licences-([a-z]+)\.json$/.exec(path)?.[1];
    if (stem) out[stem] = await load();
  }
  return out;
}

function Components({ id, title, list }: { id: string; title: string; list: LicenceList | undefined }) {
  if (!list) {
    return (
      <section aria-labelledby={id}>
        <h2 className="fr-h4" id={id}>
          {title}
        </h2>
        <Alert severity="warning" small description="La liste n’a pas été générée dans cette construction (scripts/licences.sh)." />
      </section>
    );
  }
  const count = list.licences.reduce((n, l) => n + l.packages.length, 0);
  return (
    <section aria-labelledby={id} className="fr-mb-4w">
      <h2 className="fr-h4" id={id}>
        {title}
      </h2>
      <p>
        {count} composants, sous {list.licences.length} licences ; liste établie à la construction par {list.tool}.
      </p>
      {list.licences.map((l, i) => (
        <details key={`${l.id}-${i}`} className="fr-mb-1w fdr-licence">
          <summary>
            {l.name} ({l.id}) — {l.packages.length} composant{l.packages.length > 1 ? "s" : ""}
          </summary>
          <p className="fr-text--sm fr-mt-1w">{l.packages.join(", ")}</p>
          <pre className="fdr-licence-text" lang="en">
            {l.text}
          </pre>
        </details>
      ))}
    </section>
  );
}

export function About({ onClose }: { onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [components, setComponents] = useState<Record<string, LicenceList> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    api
      .appInfo()
      .then(setInfo)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    void loadLists().then(setComponents);
  }, []);

  const openLogs = () => api.openLogFolder().catch((e) => setError(e instanceof ApiError ? e.message : String(e)));

  return (
    <>
      <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
        Retour
      </Button>
      <h1 className="fr-mt-2w" tabIndex={-1} ref={heading} id="about-title">
        À propos de Feuilles de route
      </h1>
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} />}
      {info && (
        <dl className="fdr-facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Construite le</dt>
          <dd>{dateLong(info.build_date)}</dd>
          <dt>Commit</dt>
          <dd>
            <code>{info.commit}</code>
          </dd>
          <dt>Base de données</dt>
          <dd>
            <code>{info.store_location}</code>
          </dd>
          <dt>Journaux et rapports d’incident</dt>
          <dd>
            <code>{info.log_folder}</code>
            <br />
            <Button className="fr-mt-1w" size="small" priority="secondary" iconId="fr-icon-folder-2-line" onClick={openLogs}>
              Ouvrir le dossier des journaux
            </Button>
          </dd>
        </dl>
      )}

      <section aria-labelledby="licence-app" className="fr-mb-4w">
        <h2 className="fr-h4" id="licence-app">
          Licences
        </h2>
        <p>
          Feuilles de route est un logiciel libre, sous licence publique de l’Union européenne (EUPL 1.2). Il fonctionne
          sans connexion : tout ce qu’il affiche est livré avec lui.
        </p>
        <h3 className="fr-h6">Polices des documents PDF</h3>
        <p>
          Noto Sans (© Google), sous licence SIL Open Font License 1.1, et DejaVu Sans, sous la licence des polices
          Bitstream Vera et ses ajouts du domaine public : elles sont incorporées, réduites aux caractères utilisés, dans
          chaque PDF.
        </p>
        <details className="fr-mb-1w fdr-licence">
          <summary>Texte de la licence SIL Open Font License 1.1</summary>
          <pre className="fdr-licence-text" lang="en">
            {ofl}
          </pre>
        </details>
        <details className="fr-mb-1w fdr-licence">
          <summary>Texte de la licence de DejaVu Sans (Bitstream Vera)</summary>
          <pre className="fdr-licence-text" lang="en">
            {dejavu}
          </pre>
        </details>
        <h3 className="fr-h6 fr-mt-2w">Système de design de l’État (DSFR)</h3>
        <p>
          L’interface utilise le système de design de l’État (code sous licence MIT, icônes Remix Icon sous licence
          Apache 2.0, police Spectral sous licence SIL Open Font License). La police Marianne, le bloc-marque et les
          pictogrammes sont réservés aux services publics français, selon les conditions d’utilisation du DSFR : cette
          application en est un (stratégie régionale de prévention et de lutte contre la pauvreté, préfecture de la
          région Hauts-de-France). Une copie utilisée hors de ce cadre doit retirer le bloc-marque et la police Marianne.
        </p>
      </section>

      {components ? (
        <>
          <Components id="licences-rust" title="Composants Rust" list={components.rust} />
          <Components id="licences-npm" title="Composants JavaScript (interface)" list={components.npm} />
        </>
      ) : (
        <p>Chargement des licences…</p>
      )}
    </>
  );
}
