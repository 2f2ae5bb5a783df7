// An action's funding: its lines (funder, year, amount), and the grid
// funder × year with totals and the State's share, flagged above 50 %.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import type { Action, FundingLine, Period } from "../api";
import { announce } from "../announce";
import { euros, isStateFunder, parseEuros, percent, stateShare, totalCents, year } from "../french";
import { useEditor } from "../saving";
import { TextField } from "./TextField";

export const FUNDERS = ["État", "Département", "Région", "FSE", "CAF", "ARS", "Communes", "Fondations", "Entreprises", "Autre"];

/** Sums by funder and year, in the order funders first appear. */
export function fundingGrid(lines: FundingLine[]) {
  const funders: string[] = [];
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const cell = new Map<string, number>();
  for (const l of lines) {
    if (!funders.includes(l.funder)) funders.push(l.funder);
    const key = `${l.funder}\u0000${l.year}`;
    cell.set(key, (cell.get(key) ?? 0) + l.amount_cents);
  }
  const at = (funder: string, year: number) => cell.get(`${funder}\u0000${year}`) ?? 0;
  const byFunder = (funder: string) => years.reduce((s, y) => s + at(funder, y), 0);
  const byYear = (year: number) => funders.reduce((s, f) => s + at(f, year), 0);
  return { funders, years, at, byFunder, byYear, total: totalCents(lines) };
}

/** The message for an amount typed in euros; null when it is one. */
export function amountProblem(t: string): string | null {
  if (t.trim() === "") return "Montant en euros attendu, par exemple 1 500,50.";
  const cents = parseEuros(t);
  if (cents === null) return "Montant en euros attendu, par exemple 1 500,50.";
  if (cents < 0) return "Montant positif ou nul attendu, par exemple 1 500,50.";
  return null;
}

/** The years a funding line may take: those of the period, or none when it is invalid. */
export function periodYears(period: Period): { years: number[]; problem: string | null } {
  const { start, end } = period;
  const valid = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2100;
  if (!valid(start) || !valid(end) || end < start)
    return {
      years: [],
      problem: `La période de la fiche (${year(start)}–${year(end)}) n’est pas valide : corrigez-la dans « Fiche » pour choisir les années des financements.`,
    };
  const years: number[] = [];
  for (let y = start; y <= end; y++) years.push(y);
  return { years, problem: null };
}

const amountText = (cents: number) => euros(cents).replace(/\u202f€$/, "");
const lineName = (l: FundingLine) => `${l.funder} ${year(l.year)} (${euros(l.amount_cents)})`;

/** One funding line, editable in place: each cell is committed as a field is. */
function FundingRow(props: {
  action: Action;
  index: number;
  j: number;
  line: FundingLine;
  years: number[];
  period: Period;
}) {
  const { action, index, j, line, years, period } = props;
  const { edit, remove } = useEditor();
  const update = (change: Partial<FundingLine>) =>
    edit({ op: "update_funding", action: action.id, index: j, line: { ...line, ...change } });
  const base = `action-${index}-funding`;
  const id = `${base}-${j}`;
  const n = j + 1;
  const yearChoices = years.includes(line.year) ? years : [...years, line.year].sort((a, b) => a - b);
  const outside = !years.includes(line.year);
  return (
    <tr id={id}>
      <td>
        <TextField
          id={`${id}-funder`}
          label={`Financeur de la ligne ${n}`}
          hideLabel
          required
          list="fdr-funders"
          value={line.funder}
          onCommit={(v) => update({ funder: v.trim() })}
        />
      </td>
      <td>
        <Select
          label={<span className="fr-sr-only">Année de la ligne {n}</span>}
          state={outside ? "info" : "default"}
          stateRelatedMessage={outside ? `Hors de la période ${year(period.start)}–${year(period.end)}.` : undefined}
          nativeSelectProps={{
            id: `${id}-year`,
            value: line.year,
            onChange: (e) => update({ year: Number(e.target.value) }),
          }}
        >
          {yearChoices.map((y) => (
            <option key={y} value={y}>
              {year(y)}
            </option>
          ))}
        </Select>
      </td>
      <td>
        <TextField
          id={`${id}-amount`}
          className="fdr-num"
          label={`Montant en euros de la ligne ${n}`}
          hideLabel
          inputMode="decimal"
          value={amountText(line.amount_cents)}
          check={amountProblem}
          onCommit={(v) => {
            const cents = parseEuros(v);
            if (cents !== null && cents !== line.amount_cents) update({ amount_cents: cents });
          }}
        />
      </td>
      <td>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          id={`${id}-delete`}
          title={`Supprimer la ligne ${line.funder} ${year(line.year)}`}
          aria-label={`Supprimer la ligne ${line.funder} ${year(line.year)}`}
          onClick={() =>
            remove(
              { op: "delete_funding", action: action.id, index: j },
              {
                title: `Ligne de financement ${lineName(line)} de l’action ${action.id} supprimée.`,
                restore: `${id}-funder`,
                restored: `Ligne ${lineName(line)} rétablie.`,
              },
              action.funding.length > 1
                ? `${base}-${j < action.funding.length - 1 ? j : j - 1}-funder`
                : `${base}-new-funder`,
            )
          }
        >
          Supprimer
        </Button>
      </td>
    </tr>
  );
}

export function FundingGrid({ action, index, period }: { action: Action; index: number; period: Period }) {
  const { edit, focus } = useEditor();
  const { years, problem: periodProblem } = periodYears(period);
  const [funder, setFunder] = useState("État");
  const [chosen, setChosen] = useState(String(years[0] ?? ""));
  const [amount, setAmount] = useState("");
  const [tried, setTried] = useState(false);
  const cents = parseEuros(amount);
  const amountError = amount !== "" || tried ? amountProblem(amount) : null;
  const funderError = tried && funder.trim() === "" ? "Indiquez le financeur." : null;
  const yearValue = years.includes(Number(chosen)) ? chosen : String(years[0] ?? "");
  const grid = fundingGrid(action.funding);
  const share = stateShare(action.funding);
  const id = `action-${index}-funding`;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 className="fr-h6" id={`${id}-title`}>
        Financements de l’action {action.id}
      </h4>
      {action.funding.length === 0 ? (
        <p id={id} tabIndex={-1}>
          Aucune ligne de financement.
        </p>
      ) : (
        <div className="fr-table fr-table--no-caption fdr-cells" id={id} tabIndex={-1}>
          <table>
            <caption>Lignes de financement de l’action {action.id}</caption>
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                <th scope="col">Année</th>
                <th scope="col">Montant en euros</th>
                <th scope="col">
                  <span className="fr-sr-only">Supprimer</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {action.funding.map((l, j) => (
                <FundingRow key={j} action={action} index={index} j={j} line={l} years={years} period={period} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {periodProblem && (
        <p className="fr-error-text fr-mb-2w" id={`${id}-period`}>
          {periodProblem}
        </p>
      )}
      <form
        className="fdr-toolbar fdr-add"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTried(true);
          if (cents === null || cents < 0 || funder.trim() === "" || yearValue === "") {
            focus(funder.trim() === "" ? `${id}-new-funder` : `${id}-new-amount`);
            return;
          }
          const line: FundingLine = { funder: funder.trim(), year: Number(yearValue), amount_cents: cents };
          if ((await edit({ op: "add_funding", action: action.id, line })) === null) {
            setAmount("");
            setTried(false);
            announce(`Ligne ajoutée à l’action ${action.id} : ${lineName(line)}.`);
            focus(`${id}-new-funder`);
          }
        }}
      >
        <Input
          className="fr-mb-0"
          label="Financeur"
          state={funderError ? "error" : "default"}
          stateRelatedMessage={funderError ?? undefined}
          nativeInputProps={{
            id: `${id}-new-funder`,
            list: "fdr-funders",
            value: funder,
            "aria-invalid": funderError ? true : undefined,
            onChange: (e) => setFunder(e.target.value),
          }}
        />
        <Select
          className="fr-mb-0"
          label="Année"
          disabled={years.length === 0}
          nativeSelectProps={{
            id: `${id}-new-year`,
            value: yearValue,
            "aria-describedby": periodProblem ? `${id}-period` : undefined,
            onChange: (e) => setChosen(e.target.value),
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {year(y)}
            </option>
          ))}
        </Select>
        <Input
          className="fr-mb-0"
          label="Montant en euros"
          state={amountError ? "error" : "default"}
          stateRelatedMessage={amountError ?? undefined}
          nativeInputProps={{
            id: `${id}-new-amount`,
            inputMode: "decimal",
            value: amount,
            "aria-invalid": amountError ? true : undefined,
            onChange: (e) => setAmount(e.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={years.length === 0}>
          Ajouter la ligne
        </Button>
      </form>
      <datalist id="fdr-funders">
        {FUNDERS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {grid.funders.length > 0 && (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Budget de l’action {action.id} par financeur et par année</caption>
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                {grid.years.map((y) => (
                  <th scope="col" className="fdr-num" key={y}>
                    {year(y)}
                  </th>
                ))}
                <th scope="col" className="fdr-num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {grid.funders.map((f) => (
                <tr key={f}>
                  <th scope="row">{isStateFunder(f) ? <strong>{f}</strong> : f}</th>
                  {grid.years.map((y) => (
                    <td className="fdr-num" key={y}>
                      {grid.at(f, y) ? euros(grid.at(f, y)) : "—"}
                    </td>
                  ))}
                  <td className="fdr-num">{euros(grid.byFunder(f))}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Total</th>
                {grid.years.map((y) => (
                  <td className="fdr-num" key={y}>
                    <strong>{euros(grid.byYear(y))}</strong>
                  </td>
                ))}
                <td className="fdr-num">
                  <strong>{euros(grid.total)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {share !== null && (
        <p className={share > 0.5 ? "fdr-flag" : undefined}>
          Part de l’État : {percent(share)}
          {share > 0.5 ? " — au-delà de 50 % : le cofinancement de l’État est plafonné à la moitié." : ""}
        </p>
      )}
    </section>
  );
}
