// An action's funding: its lines (funder, year, amount), and the grid
// funder × year with totals and the State's share, flagged above 50 %.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { Action, FundingLine, Period } from "../api";
import { euros, isStateFunder, parseEuros, percent, stateShare, totalCents } from "../french";
import { useEditor } from "../saving";

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

/** One funding line, editable in place: each cell is committed when left. */
function FundingRow(props: { action: Action; index: number; j: number; line: FundingLine; years: number[] }) {
  const { action, index, j, line, years } = props;
  const { edit } = useEditor();
  const [funder, setFunder] = useState(line.funder);
  const [amount, setAmount] = useState(euros(line.amount_cents).replace(/\u202f€$/, ""));
  const [shown, setShown] = useState(line);
  if (line !== shown) {
    setShown(line);
    setFunder(line.funder);
    setAmount(euros(line.amount_cents).replace(/\u202f€$/, ""));
  }
  const cents = parseEuros(amount);
  const update = (change: Partial<FundingLine>) =>
    edit({ op: "update_funding", action: action.id, index: j, line: { ...line, ...change } });
  const id = `action-${index}-funding-${j}`;
  const n = j + 1;
  const yearChoices = years.includes(line.year) ? years : [...years, line.year].sort((a, b) => a - b);
  return (
    <tr id={id}>
      <td>
        <input
          className="fr-input"
          id={`${id}-funder`}
          aria-label={`Financeur de la ligne ${n}`}
          list="fdr-funders"
          value={funder}
          aria-invalid={funder.trim() === ""}
          onChange={(e) => setFunder(e.target.value)}
          onBlur={() => funder.trim() !== "" && funder.trim() !== line.funder && update({ funder: funder.trim() })}
        />
      </td>
      <td>
        <select
          className="fr-select"
          id={`${id}-year`}
          aria-label={`Année de la ligne ${n}`}
          value={line.year}
          onChange={(e) => update({ year: Number(e.target.value) })}
        >
          {yearChoices.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="fr-input fdr-num"
          id={`${id}-amount`}
          aria-label={`Montant en euros de la ligne ${n}`}
          inputMode="decimal"
          value={amount}
          aria-invalid={cents === null}
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => cents !== null && cents !== line.amount_cents && update({ amount_cents: cents })}
        />
      </td>
      <td>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          title={`Supprimer la ligne ${line.funder} ${line.year}`}
          onClick={() => edit({ op: "delete_funding", action: action.id, index: j })}
        >
          Supprimer
        </Button>
      </td>
    </tr>
  );
}

export function FundingGrid({ action, index, period }: { action: Action; index: number; period: Period }) {
  const { edit } = useEditor();
  const [funder, setFunder] = useState("État");
  const [year, setYear] = useState(String(period.start));
  const [amount, setAmount] = useState("");
  const cents = parseEuros(amount);
  const years: number[] = [];
  for (let y = period.start; y <= period.end; y++) years.push(y);
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
        <div className="fr-table fr-table--no-caption" id={id} tabIndex={-1}>
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
                <FundingRow key={j} action={action} index={index} j={j} line={l} years={years} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (cents === null || funder.trim() === "") return;
          const line: FundingLine = { funder: funder.trim(), year: Number(year), amount_cents: cents };
          if ((await edit({ op: "add_funding", action: action.id, line })) === null) setAmount("");
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={`${id}-new-funder`}>
            Financeur
          </label>
          <input
            className="fr-input"
            id={`${id}-new-funder`}
            list="fdr-funders"
            value={funder}
            onChange={(e) => setFunder(e.target.value)}
          />
        </div>
        <div className="fr-select-group fr-mb-0">
          <label className="fr-label" htmlFor={`${id}-new-year`}>
            Année
          </label>
          <select className="fr-select" id={`${id}-new-year`} value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={`${id}-new-amount`}>
            Montant en euros
          </label>
          <input
            className="fr-input"
            id={`${id}-new-amount`}
            inputMode="decimal"
            value={amount}
            aria-invalid={amount !== "" && cents === null}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={cents === null || funder.trim() === ""}>
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
                    {y}
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
