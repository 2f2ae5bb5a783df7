// What this copy of the app is for, asked once on first run (and again
// from « Changer de rôle »): writing one theme's roadmap, or the regional
// secretariat's overview. The start screen follows the answer.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useRef, useState } from "react";
import { api, ApiError, type Role, type ThemeRow } from "../api";

/** The role in words, as the start screen says it. */
export function roleLabel(role: Role, themes: ThemeRow[]): string {
  if (role.kind === "secretariat") return "Ce poste est celui du secrétariat régional.";
  const title = themes.find((t) => t.number === role.theme)?.title;
  return `Ce poste rédige la feuille de route du thème ${role.theme}${title ? ` — ${title}` : ""}.`;
}

export function RoleQuestion(props: {
  themes: ThemeRow[];
  /** The current role (when changing it) or the suggested one (first run). */
  initial: Role | null;
  /** First run: the question can be skipped (the secretariat's view is kept). */
  firstRun: boolean;
  /** Called once the role is stored; `skipped` when the user did not answer. */
  onChosen: (role: Role, skipped: boolean) => void;
  /** Changing: leave without changing. */
  onCancel?: () => void;
}) {
  const { themes, initial, firstRun, onChosen, onCancel } = props;
  const [kind, setKind] = useState<Role["kind"] | null>(initial?.kind ?? null);
  const [theme, setTheme] = useState<string>(initial?.kind === "animator" ? String(initial.theme) : "");
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Asked from « Changer de rôle »: the question takes the focus (on first run, the page starts as any page).
  useEffect(() => {
    if (!firstRun && heading.current) {
      heading.current.tabIndex = -1;
      heading.current.focus();
    }
  }, [firstRun]);

  const store = async (role: Role, skipped: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.setRole(role);
      onChosen(role, skipped);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    setTried(true);
    if (kind === "secretariat") void store({ kind: "secretariat" }, false);
    else if (kind === "animator" && theme !== "") void store({ kind: "animator", theme: Number(theme) }, false);
  };

  return (
    <section aria-labelledby="role-title" id="role-question">
      <h1 id="role-title" ref={heading}>{firstRun ? "Bienvenue dans Feuilles de route" : "Changer de rôle"}</h1>
      <p>
        {firstRun
          ? "Une question, une seule fois : l’accueil montre d’abord ce dont ce poste a besoin."
          : "L’accueil suit le rôle du poste ; les feuilles de route enregistrées ne changent pas."}
      </p>
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <RadioButtons
          legend="À quoi sert ce poste ?"
          name="fdr-role"
          state={tried && kind === null ? "error" : "default"}
          stateRelatedMessage={tried && kind === null ? "Choisissez l’une des deux réponses, ou passez la question." : undefined}
          options={[
            {
              label: "Ce poste rédige la feuille de route d’un thème",
              hintText: "Pour l’animateur ou l’animatrice d’un groupe thématique : sa feuille de route d’abord, les autres thèmes repliés.",
              nativeInputProps: { value: "animator", checked: kind === "animator", onChange: () => setKind("animator") },
            },
            {
              label: "Ce poste est celui du secrétariat régional",
              hintText: "Les 15 thèmes de la région, les feuilles reçues, les avis et la consolidation.",
              nativeInputProps: { value: "secretariat", checked: kind === "secretariat", onChange: () => setKind("secretariat") },
            },
          ]}
        />
        {kind === "animator" && (
          <Select
            label="Thème dont ce poste rédige la feuille de route"
            state={tried && theme === "" ? "error" : "default"}
            stateRelatedMessage={tried && theme === "" ? "Choisissez le thème." : undefined}
            nativeSelectProps={{ id: "role-theme", value: theme, onChange: (e) => setTheme(e.target.value) }}
          >
            <option value="" disabled>
              Choisir un thème
            </option>
            {themes.map((t) => (
              <option key={t.number} value={t.number}>
                {t.number} — {t.title}
              </option>
            ))}
          </Select>
        )}
        <div className="fdr-toolbar">
          <Button type="submit" disabled={busy}>
            Valider ce choix
          </Button>
          {firstRun ? (
            <Button type="button" priority="tertiary" disabled={busy} onClick={() => void store({ kind: "secretariat" }, true)}>
              Passer la question
            </Button>
          ) : (
            <Button type="button" priority="secondary" disabled={busy} onClick={onCancel}>
              Annuler
            </Button>
          )}
        </div>
        {firstRun && (
          <p className="fr-text--sm">
            Sans réponse, l’accueil montre les 15 thèmes comme au secrétariat, et la question n’est plus posée&#8239;: le rôle
            se change à tout moment par «&#8239;Changer de rôle&#8239;», en haut de l’accueil.
          </p>
        )}
      </form>
    </section>
  );
}
