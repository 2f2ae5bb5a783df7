import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { Animator } from "../api";
import { ItemControls, NumberField, SelectField } from "../components/Controls";
import { TextField } from "../components/TextField";
import { roadmapStatusLabel } from "../french";
import { useEditor } from "../saving";
import { RemarksFor } from "../components/RemarksFor";

const opt = (s: string) => (s.trim() === "" ? undefined : s);

export function Fiche() {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const header = { theme_title: r.theme.title, status: r.status, period: r.period };
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
        <NumberField
          id="period-start"
          label="Première année de la période"
          integer
          required
          value={r.period.start}
          onCommit={(v) =>
            v !== undefined && edit({ op: "update_header", header: { ...header, period: { ...r.period, start: v } } })
          }
        />
        <NumberField
          id="period-end"
          label="Dernière année de la période"
          integer
          required
          value={r.period.end}
          onCommit={(v) =>
            v !== undefined && edit({ op: "update_header", header: { ...header, period: { ...r.period, end: v } } })
          }
        />
      </div>
      <p className="fr-text--sm">
        Thème n°&nbsp;{r.theme.number} — {r.region.name} —{" "}
        {r.revision === 0 ? "jamais exportée" : `révision ${r.revision}${view.edited ? " (modifiée depuis)" : ""}`}
      </p>

      <h3>Animateurs et animatrices</h3>
      {r.animators.length === 0 && <p>Aucun animateur pour l’instant.</p>}
      {r.animators.map((a, i) => (
        <div className="fdr-item" key={i} id={`animator-${i}`}>
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
            onMove={(to) => edit({ op: "move_animator", index: i, to })}
            onDelete={() => edit({ op: "delete_animator", index: i })}
          />
        </div>
      ))}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (name.trim() === "") return;
          if ((await edit({ op: "add_animator", animator: { name: name.trim() } })) === null) setName("");
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-animator">
            Nom du nouvel animateur
          </label>
          <input className="fr-input" id="new-animator" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={name.trim() === ""}>
          Ajouter l’animateur
        </Button>
      </form>
    </>
  );
}
