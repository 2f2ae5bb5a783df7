import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import type { Animator, Header } from "../api";
import { announce } from "../announce";
import { afterDeletion, ItemControls, SelectField, yearProblem } from "../components/Controls";
import { DraftInput, useDrafts } from "../components/Drafts";
import { TextField } from "../components/TextField";
import { parseYear, roadmapStatusLabel, year } from "../french";
import { useEditor } from "../saving";
import { RemarksFor } from "../components/RemarksFor";

const opt = (s: string) => (s.trim() === "" ? undefined : s);
const animatorId = (i: number) => `animator-${i}`;

/** The format's range of years for a period. */
export const PERIOD_YEARS = { min: 2000, max: 2100 };

/** Messages for a period typed in the card, as the format checks it at export. */
export function periodProblems(d: { start: string; end: string }): { start?: string; end?: string } {
  const out: { start?: string; end?: string } = {};
  const s = d.start.trim() === "" ? "Indiquez la première année." : yearProblem(d.start, PERIOD_YEARS);
  const e = d.end.trim() === "" ? "Indiquez la dernière année." : yearProblem(d.end, PERIOD_YEARS);
  if (s) out.start = s;
  if (e) out.end = e;
  const a = parseYear(d.start);
  const b = parseYear(d.end);
  if (!s && !e && a !== null && b !== null && b < a)
    out.end = `La dernière année (${year(b)}) précède la première (${year(a)}) : la période doit aller de la première à la dernière.`;
  return out;
}

/** An e-mail that does not look like one: a warning, it is saved all the same. */
export function emailWarning(v: string): string | null {
  const t = v.trim();
  if (t === "" || /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(t)) return null;
  return "Cette adresse ne ressemble pas à un courriel (par exemple prenom.nom@exemple.fr) ; elle est enregistrée telle quelle.";
}

/** The period's two years, committed together once both are valid. */
function PeriodFields({ header }: { header: Header }) {
  const { edit } = useEditor();
  const { draft, problems, set, flush } = useDrafts(
    { start: year(header.period.start), end: year(header.period.end) },
    {
      check: periodProblems,
      commit: (d) => {
        const start = parseYear(d.start);
        const end = parseYear(d.end);
        if (start !== null && end !== null) edit({ op: "update_header", header: { ...header, period: { start, end } } });
      },
    },
  );
  return (
    <>
      <DraftInput
        id="period-start"
        label="Première année de la période"
        hint="Année sur quatre chiffres, par exemple 2024."
        required
        inputMode="numeric"
        maxLength={4}
        value={draft.start}
        problem={problems.start}
        onChange={(v) => set("start", v)}
        onBlur={flush}
      />
      <DraftInput
        id="period-end"
        label="Dernière année de la période"
        hint="Incluse, par exemple 2027."
        required
        inputMode="numeric"
        maxLength={4}
        value={draft.end}
        problem={problems.end}
        onChange={(v) => set("end", v)}
        onBlur={flush}
      />
    </>
  );
}

export function Fiche() {
  const { view, edit, remove, focus } = useEditor();
  const r = view.roadmap;
  const header: Header = { theme_title: r.theme.title, status: r.status, period: r.period };
  const [name, setName] = useState("");

  const updateAnimator = (i: number, a: Animator, change: Partial<Animator>) =>
    edit({ op: "update_animator", index: i, animator: { ...a, ...change } });

  return (
    <>
      <h2>Fiche</h2>
      <RemarksFor part="header" />
      <div className="fdr-grid">
        <TextField
          id="theme-title"
          label="Intitulé du thème"
          required
          value={r.theme.title}
          onCommit={(v) => edit({ op: "update_header", header: { ...header, theme_title: v } })}
        />
        <SelectField
          id="status"
          label="Statut"
          value={r.status}
          options={roadmapStatusLabel}
          onChange={(v) => v && edit({ op: "set_status", status: v })}
        />
        <PeriodFields header={header} />
      </div>
      <p className="fr-text--sm">
        Thème n°&nbsp;{r.theme.number} — {r.region.name} —{" "}
        {r.revision === 0 ? "jamais exportée" : `révision ${r.revision}${view.edited ? " (modifiée depuis)" : ""}`}
      </p>

      <h3>Animateurs et animatrices</h3>
      {r.animators.length === 0 && <p>Aucun animateur pour l’instant.</p>}
      {r.animators.map((a, i) => (
        <div className="fdr-item" key={i} id={animatorId(i)}>
          <div className="fdr-grid">
            <TextField
              id={`animator-${i}-name`}
              label="Nom"
              required
              value={a.name}
              onCommit={(v) => updateAnimator(i, a, { name: v })}
            />
            <TextField
              id={`animator-${i}-organisation`}
              label="Structure"
              value={a.organisation ?? ""}
              onCommit={(v) => updateAnimator(i, a, { organisation: opt(v) })}
            />
            <TextField
              id={`animator-${i}-role`}
              label="Rôle"
              value={a.role ?? ""}
              onCommit={(v) => updateAnimator(i, a, { role: opt(v) })}
            />
            <TextField
              id={`animator-${i}-email`}
              label="Courriel"
              type="email"
              warn={emailWarning}
              value={a.email ?? ""}
              onCommit={(v) => updateAnimator(i, a, { email: opt(v) })}
            />
            <TextField
              id={`animator-${i}-phone`}
              label="Téléphone"
              type="tel"
              value={a.phone ?? ""}
              onCommit={(v) => updateAnimator(i, a, { phone: opt(v) })}
            />
          </div>
          <ItemControls
            name={`l’animateur ${a.name}`}
            index={i}
            count={r.animators.length}
            itemId={animatorId}
            onMove={(to) => edit({ op: "move_animator", index: i, to })}
            moved={(to) => `${a.name} : position ${to + 1} sur ${r.animators.length}.`}
            onDelete={() =>
              remove(
                { op: "delete_animator", index: i },
                {
                  title: `Animateur ou animatrice « ${a.name} » retiré de la fiche.`,
                  restore: `${animatorId(i)}-name`,
                  restored: `${a.name} rétabli dans la fiche.`,
                },
                afterDeletion(i, r.animators.length, (j) => `${animatorId(j)}-name`, "new-animator"),
              )
            }
          />
        </div>
      ))}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (name.trim() === "") return;
          if ((await edit({ op: "add_animator", animator: { name: name.trim() } })) === null) {
            setName("");
            announce(`${name.trim()} ajouté à la fiche : complétez sa structure et son courriel.`);
            focus(`${animatorId(r.animators.length)}-organisation`);
          }
        }}
      >
        <Input
          className="fr-mb-0"
          label="Nom du nouvel animateur ou de la nouvelle animatrice"
          nativeInputProps={{ id: "new-animator", value: name, onChange: (e) => setName(e.target.value) }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={name.trim() === ""}>
          Ajouter l’animateur
        </Button>
      </form>
    </>
  );
}
