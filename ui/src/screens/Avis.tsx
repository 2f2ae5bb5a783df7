// The secretariat's *Avis* screen on a received roadmap: write a draft
// avis (decision, summary, remarks aimed at a part, an item or a field,
// from lists built from the reviewed revision; one click turns a warning or
// a diff line into a remark), issue it (then it never changes), export it as
// PDF or JSON; and read every avis with the author's answers and what
// changed on each remark's item since.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useState } from "react";
import {
  api,
  ApiError,
  type AvisEdit,
  type AvisEntry,
  type AvisScreen as Screen,
  type Decision,
  type ExportKind,
  type Remark,
  type Severity,
  type Target,
  type TargetChoice,
} from "../api";
import { MarkdownText } from "../components/MarkdownText";
import { dateLong, decisionLabel } from "../french";
import { changeLine } from "../review/changes";
import { fieldLabel, targetKey } from "../review/remarks";

const decisions: Decision[] = ["changes_requested", "comments", "validated"];

function TargetPicker({
  id,
  targets,
  value,
  onChange,
}: {
  id: string;
  targets: TargetChoice[];
  value: Target;
  onChange: (t: Target) => void;
}) {
  const chosen = targets.find((t) => targetKey(t.target) === targetKey(value)) ?? targets[0];
  return (
    <div className="fdr-grid">
      <Select
        label="Sur quoi porte la remarque"
        nativeSelectProps={{
          id: `${id}-target`,
          value: chosen ? targetKey(chosen.target) : "",
          onChange: (e) => {
            const t = targets.find((x) => targetKey(x.target) === e.target.value);
            if (t) onChange({ ...t.target, field: undefined });
          },
        }}
      >
        {targets.map((t) => (
          <option key={targetKey(t.target)} value={targetKey(t.target)}>
            {t.label}
          </option>
        ))}
      </Select>
      <Select
        label="Champ (facultatif)"
        nativeSelectProps={{
          id: `${id}-field`,
          value: value.field ?? "",
          onChange: (e) => onChange({ ...value, field: e.target.value === "" ? undefined : e.target.value }),
        }}
      >
        <option value="">— tout l’élément —</option>
        {(chosen?.fields ?? []).map((f) => (
          <option key={f} value={f}>
            {fieldLabel[f] ?? f}
          </option>
        ))}
      </Select>
    </div>
  );
}

function SeverityPicker({ name, value, onChange }: { name: string; value: Severity; onChange: (s: Severity) => void }) {
  return (
    <RadioButtons
      legend="Gravité"
      name={name}
      orientation="horizontal"
      small
      options={[
        { label: "Normale", nativeInputProps: { checked: value === "normal", onChange: () => onChange("normal") } },
        {
          label: "Bloquante (à traiter avant validation)",
          nativeInputProps: { checked: value === "blocking", onChange: () => onChange("blocking") },
        },
      ]}
    />
  );
}

function RemarkEditor({
  remark,
  index,
  count,
  targets,
  onEdit,
}: {
  remark: Remark;
  index: number;
  count: number;
  targets: TargetChoice[];
  onEdit: (e: AvisEdit) => void;
}) {
  const [text, setText] = useState(remark.text);
  const id = `remark-${remark.id}`;
  const update = (change: Partial<Pick<Remark, "target" | "severity" | "text">>) =>
    onEdit({
      op: "update_remark",
      id: remark.id,
      target: change.target ?? remark.target,
      severity: change.severity ?? remark.severity,
      text: change.text ?? remark.text,
    });
  return (
    <li className="fdr-item" id={id}>
      <h4 className="fr-h6">Remarque {remark.id}</h4>
      <TargetPicker id={id} targets={targets} value={remark.target} onChange={(target) => update({ target })} />
      <SeverityPicker name={`${id}-severity`} value={remark.severity} onChange={(severity) => update({ severity })} />
      <Input
        label="Texte de la remarque"
        textArea
        nativeTextAreaProps={{
          id: `${id}-text`,
          rows: 3,
          value: text,
          onChange: (e) => setText(e.target.value),
          onBlur: () => text !== remark.text && text.trim() !== "" && update({ text }),
        }}
        state={text.trim() === "" ? "error" : "default"}
        stateRelatedMessage={text.trim() === "" ? "Le texte de la remarque ne peut pas être vide." : undefined}
      />
      <div className="fdr-toolbar">
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-up-line"
          disabled={index === 0}
          onClick={() => onEdit({ op: "move_remark", id: remark.id, to: index - 1 })}
        >
          Monter
        </Button>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-down-line"
          disabled={index === count - 1}
          onClick={() => onEdit({ op: "move_remark", id: remark.id, to: index + 1 })}
        >
          Descendre
        </Button>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          onClick={() => onEdit({ op: "delete_remark", id: remark.id })}
        >
          Supprimer
        </Button>
      </div>
    </li>
  );
}

function Draft({
  entry,
  screen,
  onEdit,
  onIssue,
  onDelete,
}: {
  entry: AvisEntry;
  screen: Screen;
  onEdit: (e: AvisEdit) => void;
  onIssue: () => void;
  onDelete: () => void;
}) {
  const a = entry.avis;
  const [summary, setSummary] = useState(a.summary);
  const [target, setTarget] = useState<Target>(screen.targets[0]?.target ?? { part: "header" });
  const [severity, setSeverity] = useState<Severity>("normal");
  const [text, setText] = useState("");
  const [confirm, setConfirm] = useState(false);
  const blockingWithValidated = a.decision === "validated" && a.remarks.some((r) => r.severity === "blocking");
  return (
    <section aria-labelledby="draft-heading" className="fr-mb-6w">
      <h2 id="draft-heading">Avis en cours de rédaction (révision {a.roadmap.revision})</h2>
      <p className="fr-text--sm">Chaque modification est enregistrée aussitôt. L’avis ne part que lorsque vous l’émettez.</p>
      <RadioButtons
        legend="Décision"
        name="decision"
        options={decisions.map((d) => ({
          label: decisionLabel[d].charAt(0).toUpperCase() + decisionLabel[d].slice(1),
          nativeInputProps: { checked: a.decision === d, onChange: () => onEdit({ op: "set_decision", decision: d }) },
        }))}
        state={blockingWithValidated ? "error" : "default"}
        stateRelatedMessage={
          blockingWithValidated
            ? "Une validation ne peut pas comporter de remarque bloquante : rendez-les normales ou demandez des modifications."
            : undefined
        }
      />
      <Input
        label="Synthèse"
        hintText="Markdown léger : paragraphes, listes « - », **gras**, *italique*."
        textArea
        nativeTextAreaProps={{
          id: "avis-summary",
          rows: 4,
          value: summary,
          onChange: (e) => setSummary(e.target.value),
          onBlur: () => summary !== a.summary && onEdit({ op: "set_summary", summary }),
        }}
      />
      <h3>Remarques ({a.remarks.length})</h3>
      {a.remarks.length === 0 && <p>Aucune remarque pour l’instant.</p>}
      <ol className="fr-raw-list">
        {a.remarks.map((r, i) => (
          <RemarkEditor key={r.id} remark={r} index={i} count={a.remarks.length} targets={screen.targets} onEdit={onEdit} />
        ))}
      </ol>
      <form
        className="fdr-item"
        aria-labelledby="new-remark-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === "") return;
          onEdit({ op: "add_remark", target, severity, text });
          setText("");
        }}
      >
        <h4 className="fr-h6" id="new-remark-heading">
          Nouvelle remarque
        </h4>
        <TargetPicker id="new-remark" targets={screen.targets} value={target} onChange={setTarget} />
        <SeverityPicker name="new-remark-severity" value={severity} onChange={setSeverity} />
        <Input
          label="Texte de la remarque"
          textArea
          nativeTextAreaProps={{ id: "new-remark-text", rows: 3, value: text, onChange: (e) => setText(e.target.value) }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={text.trim() === ""}>
          Ajouter la remarque
        </Button>
      </form>
      {screen.suggestions.length > 0 && (
        <details className="fr-mb-4w">
          <summary>
            Propositions tirées des vérifications et des changements de la révision ({screen.suggestions.length})
          </summary>
          <ul className="fr-raw-list">
            {screen.suggestions.map((s, i) => (
              <li key={i} className="fdr-toolbar">
                <span>
                  <Badge small noIcon>
                    {s.source === "warning" ? "Vérification" : "Changement"}
                  </Badge>{" "}
                  {s.label} : {s.text}
                </span>
                <Button
                  size="small"
                  priority="secondary"
                  onClick={() => onEdit({ op: "add_remark", target: s.target, severity: "normal", text: s.text })}
                  title={`Ajouter comme remarque : ${s.label}`}
                >
                  Ajouter comme remarque
                </Button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {confirm ? (
        <Alert
          severity="warning"
          title="Émettre cet avis ?"
          description={
            <>
              <span>Un avis émis ne change plus : il sera exportable et transmis tel quel à l’animateur.</span>
              <span className="fdr-toolbar fr-mt-2w">
                <Button onClick={onIssue}>Confirmer : émettre l’avis</Button>
                <Button priority="secondary" onClick={() => setConfirm(false)}>
                  Continuer la rédaction
                </Button>
              </span>
            </>
          }
        />
      ) : (
        <div className="fdr-toolbar">
          <Button iconId="fr-icon-send-plane-line" onClick={() => setConfirm(true)} disabled={blockingWithValidated}>
            Émettre l’avis
          </Button>
          <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={onDelete}>
            Supprimer le brouillon
          </Button>
        </div>
      )}
    </section>
  );
}

function Issued({ entry, screen, onExport }: { entry: AvisEntry; screen: Screen; onExport: (k: ExportKind) => void }) {
  const a = entry.avis;
  const remarks = screen.review.remarks.filter((r) => r.avis === a.id);
  return (
    <article className="fdr-item" aria-labelledby={`avis-${a.id}`}>
      <h3 id={`avis-${a.id}`} className="fr-h5">
        Avis du {dateLong(a.issued_at.slice(0, 10))} : {decisionLabel[a.decision]}{" "}
        {entry.latest ? (
          <Badge small severity="info" noIcon>
            Dernier avis
          </Badge>
        ) : (
          <Badge small noIcon>
            Remplacé par un avis plus récent
          </Badge>
        )}
      </h3>
      <p className="fr-text--sm">
        Par {a.issued_by.name}
        {a.issued_by.organisation ? `, ${a.issued_by.organisation}` : ""} — {entry.state === "received" ? "reçu" : "émis sur ce poste"}
        . Porte sur la révision {a.roadmap.revision}
        {a.roadmap.revision < entry.current_revision
          ? ` ; la feuille de route en est à la révision ${entry.current_revision}`
          : ""}
        .
      </p>
      <MarkdownText text={a.summary} empty="Pas de synthèse." />
      {remarks.length > 0 && (
        <ol className="fr-raw-list">
          {remarks.map((r) => (
            <li key={r.remark.id} className="fr-mb-2w">
              <p className="fr-mb-1v">
                <strong>
                  {r.remark.id} — {r.label}
                </strong>{" "}
                <Badge small severity={r.remark.severity === "blocking" ? "error" : "info"} noIcon>
                  {r.remark.severity === "blocking" ? "Bloquante" : "Normale"}
                </Badge>{" "}
                {r.answer ? (
                  <Badge small severity="success" noIcon>
                    {r.answer.answer.state === "addressed" ? "Traitée" : "Non retenue"}
                    {r.answer.revision ? ` (révision ${r.answer.revision})` : ""}
                  </Badge>
                ) : (
                  <Badge small severity="warning" noIcon>
                    Sans réponse
                  </Badge>
                )}
              </p>
              <MarkdownText text={r.remark.text} />
              {r.answer?.answer.text && <p className="fr-text--sm">Réponse de l’animateur : {r.answer.answer.text}</p>}
              {r.changes.length > 0 && (
                <details>
                  <summary>
                    Changements sur cet élément depuis la révision {a.roadmap.revision} ({r.changes.length})
                  </summary>
                  <ul className="fr-text--sm">
                    {r.changes.map((c, i) => (
                      <li key={i}>{changeLine(c)}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="fdr-toolbar">
        <Button size="small" iconId="fr-icon-file-pdf-line" onClick={() => onExport("pdf")}>
          Exporter l’avis en PDF
        </Button>
        <Button size="small" priority="secondary" iconId="fr-icon-download-line" onClick={() => onExport("json")}>
          Exporter l’avis en JSON
        </Button>
      </div>
    </article>
  );
}

export function AvisScreen({ roadmap, onClose }: { roadmap: string; onClose: () => void }) {
  const [screen, setScreen] = useState<Screen | null>(null);
  const [status, setStatus] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (step: () => Promise<Screen>, done: string) => {
    setError(null);
    setStatus("Enregistrement…");
    try {
      setScreen(await step());
      setStatus(done);
    } catch (e) {
      setStatus("");
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void run(() => api.avisScreen(roadmap), "");
  }, [roadmap, run]);
  if (!screen) return error ? <Alert severity="error" title="Avis indisponible" description={error} /> : <p>Chargement…</p>;
  const draft = screen.review.avis.find((e) => e.state === "draft");
  const issued = screen.review.avis.filter((e) => e.state !== "draft").reverse();
  const exportAvis = async (id: string, kind: ExportKind) => {
    try {
      const saved = await api.exportAvis(id, kind);
      setStatus(saved.path ? `Avis exporté : ${saved.path}` : "Export annulé : aucun fichier écrit.");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <>
      <div className="fdr-toolbar">
        <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
          Toutes les feuilles de route
        </Button>
        <p className="fr-mb-0" role="status" aria-live="polite" id="avis-status">
          {status}
        </p>
      </div>
      <h1 className="fr-h3">
        Avis — thème {screen.theme_number} : {screen.theme_title}
      </h1>
      <p>
        Révision reçue : {screen.current_revision}. Rédigée par {screen.animators.join(", ") || "l’animation du thème"} ;
        l’avis ne modifie jamais la feuille de route elle-même.
      </p>
      {error && <Alert className="fr-mb-2w" severity="error" title="Action impossible" description={error} closable />}
      {draft ? (
        <Draft
          key={draft.avis.id}
          entry={draft}
          screen={screen}
          onEdit={(e) => void run(() => api.editAvis(draft.avis.id, e), "Brouillon enregistré")}
          onIssue={() => void run(() => api.issueAvis(draft.avis.id), "Avis émis")}
          onDelete={() => void run(() => api.deleteAvis(draft.avis.id), "Brouillon supprimé")}
        />
      ) : (
        <div className="fdr-toolbar fr-mb-4w">
          <Button iconId="fr-icon-edit-line" onClick={() => void run(() => api.createAvis(roadmap), "Brouillon créé")}>
            Rédiger un avis sur la révision {screen.current_revision}
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-check-line"
            onClick={() => void run(() => api.validateRoadmap(roadmap), "Avis « validée » émis")}
          >
            Émettre un avis : validée
          </Button>
        </div>
      )}
      <h2>Avis émis et reçus ({issued.length})</h2>
      {issued.length === 0 && <p>Aucun avis émis pour l’instant.</p>}
      {issued.map((e) => (
        <Issued key={e.avis.id} entry={e} screen={screen} onExport={(k) => void exportAvis(e.avis.id, k)} />
      ))}
    </>
  );
}
