/** The synthetic panel's generator and its CSV: respondents, answers, self-check; same inputs, same bytes. */
import { AREAS, COLUMNS, OFFER_ITEMS, offerColumn, potentialColumn } from "../../codebook";
import { publishedFigures } from "../../report/figures";
import type { PublishedFigure } from "../../report/published";
import { DataError, type Margins } from "../../survey";
import { checkTargets, type SyntheticPanel } from "./checks";
import { Random } from "./model";
import {
  drawAdoption,
  drawBarriers,
  drawDigitalisation,
  drawOffers,
  drawPotential,
  drawRespondents,
} from "./questions";
import { range } from "./select";
import { DEFAULT_SEED, synthesisTargets } from "./targets";

/** Options of `synthesizePanel`. */
export interface SynthesizeOptions {
  margins: Margins; // Population margins the weights are raked to (data/population/margins.csv).
  seed?: number; // PRNG seed; default `DEFAULT_SEED`.
  figures?: readonly PublishedFigure[]; // The published figures to reproduce; default data/published/figures.csv.
}

/**
 * The synthetic panel: 4,128 respondents whose raked answers reproduce the published figures; throws if one is missed.
 * @example writeFileSync("panel.csv", panelToCsv(synthesizePanel({ margins: readMargins(file) })));
 */
export function synthesizePanel(options: SynthesizeOptions): SyntheticPanel {
  const figures = options.figures ?? publishedFigures();
  const targets = synthesisTargets(figures);
  const rnd = new Random(options.seed ?? DEFAULT_SEED);
  const people = drawRespondents(rnd, options.margins, targets.counts.total);
  const draw = { rnd, p: people, t: targets };
  const { aiBrug, relevant } = drawAdoption(draw);
  const { pot, potentialRows, large } = drawPotential(draw, aiBrug, relevant);
  const { bar, barrierRows } = drawBarriers(draw, aiBrug, potentialRows, large);
  const offer = drawOffers(draw, barrierRows);
  const digi = drawDigitalisation(draw, aiBrug);

  const generated: Record<string, (number | null)[]> = {
    id: range(people.n).map((i) => i + 1),
    branche: people.branche,
    stoerrelse: people.size,
    erhvervshus: people.region,
    alder: people.alder,
    interview: people.interview,
    oekonomi: people.oekonomi,
    digi_produktivitet: digi,
    ai_brug: aiBrug,
    ...bar,
  };
  for (const a of AREAS) generated[potentialColumn(a.key)] = pot[a.key];
  for (const o of OFFER_ITEMS) generated[offerColumn(o.key)] = offer[o.key];
  const columns: Record<string, (number | null)[]> = {};
  for (const c of COLUMNS) {
    const col = generated[c.name];
    if (!col) throw new Error(`synthesizePanel: no values generated for column "${c.name}"`);
    columns[c.name] = col;
  }
  const panel: SyntheticPanel = { rowCount: people.n, columns, weights: people.w };
  checkTargets(panel, figures);
  return panel;
}

/**
 * The panel as CSV: codebook column order, comma separated, empty cell = not asked, `\n` line ends.
 * @example panelToCsv({ rowCount: 1, columns: { id: [1], ... } }); // "id,branche,...\n1,4,...\n"
 */
export function panelToCsv(panel: { rowCount: number; columns: Record<string, readonly (number | null)[]> }): string {
  const names = COLUMNS.map((c) => c.name);
  for (const name of names) {
    const values = panel.columns[name];
    if (values === undefined || values.length !== panel.rowCount) {
      throw new DataError({
        file: "synthetic panel",
        column: name,
        value: values === undefined ? null : String(values.length),
        problem: values === undefined ? "column is missing" : "column has the wrong number of values",
        expected: `${panel.rowCount} values for every codebook column`,
      });
    }
  }
  const lines = [names.join(",")];
  // join writes null (not asked) as an empty cell
  for (let i = 0; i < panel.rowCount; i++) lines.push(names.map((name) => panel.columns[name][i]).join(","));
  return lines.join("\n") + "\n";
}
