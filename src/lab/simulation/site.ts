/** The 08 page's section that runs the coverage simulation in the reader's browser, and its script. */
import * as fs from "fs";
import * as path from "path";
import { readMargins } from "../../data/load";
import type { PageAppendix } from "../../notebook/report";
import { browserBundle } from "../../present/browser-bundle";
import { DEFAULT_MARGINS_FILE, resolveDataPath } from "../../report/dataset";
import { publishedFigures } from "../../report/figures";
import type { Margins } from "../../survey";
import { synthesisTargets, type SynthesisTargets } from "../synthesize/targets";

/** The notebook whose page gets the section, and the script file beside the pages. */
const SIMULATION_NOTEBOOK = "08-daekning";
const SIMULATION_SCRIPT = "simulering.js";
/** What the section's button runs unless the reader changes it (seed 1, as the notebook). */
export const SIMULATION_DEFAULTS = { reps: 500, bootstrapReplicates: 50 } as const;

/**
 * simulering.js: browser.ts with the worker's bundle inside as a string (a Blob worker needs no file of its own).
 * @example fs.writeFileSync("report/simulering.js", simulationScript())
 */
export function simulationScript(): string {
  const worker = browserBundle("lab/simulation/worker");
  return browserBundle("lab/simulation/browser", { SIMULATION_WORKER_SOURCE: JSON.stringify(worker) });
}

const field = (id: string, label: string, attributes: string): string =>
  `<label for="${id}">${label}</label> <input id="${id}" type="number" required ${attributes}>`;

/**
 * The section's HTML: controls, progress, the table's place, the world's data (aggregate margins and targets).
 * @example simulationSectionHtml(readMargins("data/population/margins.csv"), synthesisTargets(publishedFigures()))
 */
export function simulationSectionHtml(margins: Margins, targets: SynthesisTargets): string {
  const data = JSON.stringify({ margins, targets }).replace(/</g, "\\u003c");
  const reps = SIMULATION_DEFAULTS.reps;
  return `<section class="cell screen-only" id="simulering" aria-labelledby="simulering-titel">
<h2 id="simulering-titel">Kør selv: mange simulerede paneler i browseren</h2>
<p>Simuleringerne ovenfor bruger få paneler, så deres Monte Carlo-fejl er store. Knappen her kører den samme kode
(seed 1) i din browser: populationen bygges af marginerne, og hvert panel trækkes, vægtes og estimeres på de fem måder.
Det sker i baggrunden (en Web Worker), så siden kan bruges imens, og kørslen kan afbrydes. Bootstrap (e) koster mest,
fordi hver replikat rakes igen; med 0 replikater udelades den, og kørslen går hurtigere.</p>
<form id="sim-form" class="sim-form">
<p>${field("sim-reps", "Antal paneler", `min="2" max="5000" step="1" value="${reps}"`)}</p>
<p>${field("sim-boot", "Bootstrap-replikater pr. panel (0 udelader metode e)", `min="0" max="200" step="1" value="${SIMULATION_DEFAULTS.bootstrapReplicates}"`)}</p>
<p>${field("sim-ai", "AI-brugere svarer så mange gange oftere (1: svaret afhænger kun af vægtningsvariablene)", 'min="0.1" max="10" step="0.1" value="1"')}</p>
<p><button type="submit" id="sim-run">Kør ${reps} simulerede paneler</button> <button type="button" id="sim-cancel" disabled>Afbryd</button></p>
</form>
<progress id="sim-progress" max="${reps}" value="0" aria-label="Simulerede paneler" hidden></progress>
<p id="sim-status" role="status" aria-live="polite"></p>
<div id="sim-table"></div>
<script type="application/json" id="simulering-data">${data}</script>
<script src="${SIMULATION_SCRIPT}"></script>
</section>`;
}

/**
 * Notebook 08's page's section for `buildReport`, on the margins the notebook reads; writes simulering.js.
 * @example buildReport({ appendices: [SIMULATION_APPENDIX] })
 */
export const SIMULATION_APPENDIX: PageAppendix = {
  stem: SIMULATION_NOTEBOOK,
  write: (dir) => {
    fs.writeFileSync(path.join(dir, SIMULATION_SCRIPT), simulationScript());
    const margins = readMargins(resolveDataPath(DEFAULT_MARGINS_FILE));
    return simulationSectionHtml(margins, synthesisTargets(publishedFigures()));
  },
};
