// « Remarques du secrétariat »: every remark of the avis this copy holds,
// by state, each with its answer (traitée / non retenue, with a reason) and
// what changed on its item since the revision it reviewed.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import type { AnswerState, RemarkState } from "../api";
import { MarkdownText } from "../components/MarkdownText";
import { dateLong, decisionLabel } from "../french";
import { changeLine } from "../review/changes";
import { latestAvis } from "../review/remarks";
import { useEditor } from "../saving";

function AnswerForm({ r }: { r: RemarkState }) {
  const { answer } = useEditor();
  const [state, setState] = useState<AnswerState>(r.answer?.answer.state ?? "addressed");
  const [text, setText] = useState(r.answer?.answer.text ?? "");
  const [error, setError] = useState<string | null>(null);
  const key = `${r.avis}-${r.remark.id}`;
  const needsReason = state === "declined" && text.trim() === "";
  return (
    <form
      className="fr-mt-2w"
      onSubmit={async (e) => {
        e.preventDefault();
        if (needsReason) {
          setError("Une remarque non retenue demande une raison : écrivez pourquoi.");
          return;
        }
        setError(null);
        const failed = await answer(r.avis, r.remark.id, state, text);
        if (failed) setError(failed.message);
      }}
    >
      <RadioButtons
        legend={`Réponse à la remarque ${r.remark.id}`}
        name={`answer-${key}`}
        orientation="horizontal"
        small
        options={[
          {
            label: "Traitée",
            nativeInputProps: { checked: state === "addressed", onChange: () => setState("addressed") },
          },
          {
            label: "Non retenue",
            nativeInputProps: { checked: state === "declined", onChange: () => setState("declined") },
          },
        ]}
      />
      <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor={`answer-${key}-text`}>
          {state === "declined" ? "Pourquoi elle n’est pas retenue (obligatoire)" : "Commentaire (facultatif)"}
        </label>
        <textarea
          className={`fr-input${error ? " fr-input--error" : ""}`}
          id={`answer-${key}-text`}
          rows={3}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `answer-${key}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {error && (
          <p className="fr-error-text" id={`answer-${key}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="fdr-toolbar">
        <Button type="submit" size="small">
          Enregistrer la réponse
        </Button>
        {r.answer && (
          <Button type="button" size="small" priority="tertiary" onClick={() => void answer(r.avis, r.remark.id, null, "")}>
            Retirer la réponse
          </Button>
        )}
      </div>
    </form>
  );
}

function RemarkCard({ r, canAnswer }: { r: RemarkState; canAnswer: boolean }) {
  return (
    <li className="fdr-item" id={`remark-${r.avis}-${r.remark.id}`}>
      <h3 className="fr-h6 fr-mb-1w">
        {r.remark.id} — {r.label}
      </h3>
      <p className="fr-mb-1w">
        <Badge small severity={r.remark.severity === "blocking" ? "error" : "info"} noIcon>
          {r.remark.severity === "blocking" ? "Bloquante" : "Normale"}
        </Badge>{" "}
        {!r.latest && (
          <Badge small noIcon>
            Avis précédent
          </Badge>
        )}
        {!r.item_exists && " (l’élément n’existe plus dans la feuille de route)"}
      </p>
      <MarkdownText text={r.remark.text} />
      {r.answer && (
        <p className="fr-text--sm">
          <strong>Réponse : {r.answer.answer.state === "addressed" ? "traitée" : "non retenue"}</strong>
          {r.answer.revision ? ` (envoyée avec la révision ${r.answer.revision})` : " (partira avec la prochaine révision)"}
          {r.answer.answer.text ? ` — ${r.answer.answer.text}` : ""}
        </p>
      )}
      <details className="fr-mt-1w">
        <summary>
          Ce qui a changé sur cet élément depuis la révision examinée ({r.changes.length} changement
          {r.changes.length > 1 ? "s" : ""})
        </summary>
        {r.changes.length === 0 ? (
          <p className="fr-text--sm">Aucun changement.</p>
        ) : (
          <ul className="fr-text--sm">
            {r.changes.map((c, i) => (
              <li key={i}>{changeLine(c)}</li>
            ))}
          </ul>
        )}
      </details>
      {canAnswer && <AnswerForm r={r} />}
    </li>
  );
}

export function Remarks() {
  const { view } = useEditor();
  const review = view.review;
  const latest = latestAvis(review);
  const groups: [string, RemarkState[]][] = [
    ["Sans réponse", review.remarks.filter((r) => !r.answer)],
    ["Traitées", review.remarks.filter((r) => r.answer?.answer.state === "addressed")],
    ["Non retenues", review.remarks.filter((r) => r.answer?.answer.state === "declined")],
  ];
  return (
    <>
      <h2>Remarques du secrétariat</h2>
      {latest ? (
        <p>
          Dernier avis : <strong>{decisionLabel[latest.avis.decision]}</strong>, émis le{" "}
          {dateLong(latest.avis.issued_at.slice(0, 10))} par {latest.avis.issued_by.name}, sur la révision{" "}
          {latest.avis.roadmap.revision}.
          {view.authored && " Vos réponses partent avec la prochaine révision exportée."}
        </p>
      ) : (
        <p>Aucun avis du secrétariat sur cette feuille de route.</p>
      )}
      {review.open_blocking > 0 && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          small
          description={`${review.open_blocking} remarque${review.open_blocking > 1 ? "s" : ""} bloquante${review.open_blocking > 1 ? "s" : ""} sans réponse : le secrétariat attend une réponse avant de valider.`}
        />
      )}
      {groups.map(([title, list]) =>
        list.length === 0 ? null : (
          <section key={title} aria-label={title}>
            <h3 className="fr-h5">
              {title} ({list.length})
            </h3>
            <ol className="fr-raw-list">
              {list.map((r) => (
                <RemarkCard key={`${r.avis}/${r.remark.id}`} r={r} canAnswer={view.authored} />
              ))}
            </ol>
          </section>
        ),
      )}
    </>
  );
}
