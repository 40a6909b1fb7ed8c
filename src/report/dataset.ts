/** The dataset every notebook and command uses: panel (`PANEL_FILE`, `PANEL_MAPPING`), margins, the raked design. */
import { existsSync } from "fs";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE, WEIGHTING_VARIABLES, type Lang } from "../codebook";
import { projectRoot } from "../codebook/project-root";
import {
  checkMarginsCoverPanel,
  fileStamp,
  readMargins,
  readPanel,
  unchangedWhileRead,
  type LoadedPanel,
} from "../data/load";
import { panelProvenance, type Provenance, type ProvenanceResult } from "../data/provenance";
import {
  DataError,
  rake,
  svydesign,
  type Margins,
  type RakeOptions,
  type RakeResult,
  type SurveyDesign,
  type WeightDiagnostics,
} from "../survey";
import type { PanelData } from "./bases";

/** The default margins file, relative to the project root. */
export const DEFAULT_MARGINS_FILE = "data/population/margins.csv";

/** A loaded, weighted dataset. */
export interface Dataset {
  panel: LoadedPanel;
  margins: Margins;
  design: SurveyDesign; // the raked design, as the estimators take it
  rake: RakeResult; // the raking details (iterations, achieved margins, weight diagnostics)
  panelPath: string; // absolute, for reading only: never display it (use `panelName`, the name without folders)
  panelName: string;
  marginsPath: string; // absolute, likewise (use `marginsName`)
  marginsName: string;
  mappingName: string | null; // null when the panel was read without a mapping
  provenance: Provenance; // decided by content: the shipped synthetic panel, a modified copy of it, or real
  provenanceDetail: ProvenanceResult; // the counts the provenance was decided on
  isSynthetic: boolean; // the synthetic panel or a modified copy of it
  notice(lang?: Lang): string; // one line to show with every number from this dataset; empty for a real panel
}

/** Options of `loadDataset`; each overrides the environment variable and the default. */
export interface LoadDatasetOptions {
  panelFile?: string;
  marginsFile?: string;
  mappingFile?: string; // a mapping JSON file for the panel (else `PANEL_MAPPING`, else none)
  env?: Record<string, string | undefined>; // where PANEL_FILE, PANEL_MAPPING, PANEL_SHEET, MARGINS_FILE are read
}

/** A data file's path: as is if absolute, else from cwd, `INIT_CWD` or the root, the first that exists.
 * @example resolveDataPath(f) */
export function resolveDataPath(file: string): string {
  if (path.isAbsolute(file)) return file;
  const initCwd = process.env.INIT_CWD;
  const candidates = [process.cwd(), ...(initCwd ? [initCwd] : [])].map((dir) => path.resolve(dir, file));
  return candidates.find((candidate) => existsSync(candidate)) ?? path.resolve(projectRoot(), file);
}

/** The Danish and English notice shown with numbers computed from the synthetic panel. */
export const SYNTHETIC_NOTICE: Record<Lang, string> = {
  da:
    "Bemærk: Respondenterne er syntetiske. Virksomhedspanelets svar er ikke offentlige, så projektet bruger " +
    "opdigtede svar, der er lavet til at gengive rapportens publicerede tal efter vægtning; andre tal siger intet om danske SMV'er.",
  en:
    "Note: the respondents are synthetic. The panel's answers are not public, so the project uses invented " +
    "answers built to reproduce the report's published figures once weighted; other numbers say nothing about Danish SMEs.",
};

/** The notice for a modified copy of the synthetic panel, with its counts of rows. */
function modifiedSyntheticNotice(detail: ProvenanceResult, lang: Lang): string {
  const changed = detail.rowCount - detail.matchingRows;
  const missing = detail.syntheticRows - detail.matchingRows;
  if (lang === "da") {
    const n = (x: number): string => x.toLocaleString("da-DK");
    const parts = [`${n(detail.rowCount)} besvarelser`, `${n(detail.matchingRows)} af dem uændret`];
    if (changed > 0) parts.push(`${n(changed)} ændret eller tilføjet`);
    if (missing > 0) parts.push(`${n(missing)} af de ${n(detail.syntheticRows)} opdigtede mangler`);
    return `Bemærk: Panelfilen er en ændret kopi af projektets syntetiske panel (${parts.join(", ")}). Respondenterne er opdigtede, og tallene siger intet om danske SMV'er.`;
  }
  const n = (x: number): string => x.toLocaleString("en-GB");
  const parts = [`${n(detail.rowCount)} responses`, `${n(detail.matchingRows)} of them unchanged`];
  if (changed > 0) parts.push(`${n(changed)} changed or added`);
  if (missing > 0) parts.push(`${n(missing)} of the ${n(detail.syntheticRows)} invented ones missing`);
  return `Note: the panel file is a modified copy of the project's synthetic panel (${parts.join(", ")}). The respondents are invented; the numbers say nothing about Danish SMEs.`;
}

/** A report worker's datasets by their files and times (`keepLoadedDatasets`); null in other processes. */
let kept: Map<string, Dataset> | null = null;

/** This process loads each dataset once from now on (a report worker's notebooks). @example keepLoadedDatasets() */
export function keepLoadedDatasets(): void {
  kept ??= new Map();
}

/** Reads and validates panel (through its mapping) and margins, decides provenance, rakes.
 * @example loadDataset().notice("da") */
export function loadDataset(options: LoadDatasetOptions = {}): Dataset {
  const env = options.env ?? process.env;
  const panelPath = resolveDataPath(options.panelFile ?? nonEmpty(env.PANEL_FILE) ?? SYNTHETIC_PANEL_FILE);
  const marginsPath = resolveDataPath(options.marginsFile ?? nonEmpty(env.MARGINS_FILE) ?? DEFAULT_MARGINS_FILE);
  const mappingFile = options.mappingFile ?? nonEmpty(env.PANEL_MAPPING);
  const mappingPath = mappingFile === undefined ? undefined : resolveDataPath(mappingFile);
  const files = kept && [panelPath, marginsPath, mappingPath].map((f) => [f, f && fileStamp(f)]);
  const key = JSON.stringify([env.PANEL_SHEET, files]);
  const known = kept?.get(key);
  if (known !== undefined) return known;
  // Read twice (the panel, then its provenance by its bytes): both of one version of the file, or an error.
  const { panel, detail } = unchangedWhileRead(panelPath, () => {
    const panel = readPanel(panelPath, { mapping: mappingPath, sheet: nonEmpty(env.PANEL_SHEET) });
    return { panel, detail: panelProvenance(panel, path.resolve(projectRoot(), SYNTHETIC_PANEL_FILE), panelPath) };
  });
  const margins = readMargins(marginsPath);
  checkMarginsCoverPanel(margins, panel);
  const { design, rake } = weightPanel(panel, margins);
  const provenance = detail.provenance;
  const dataset: Dataset = {
    panel,
    margins,
    design,
    rake,
    panelPath,
    panelName: path.basename(panelPath),
    marginsPath,
    marginsName: path.basename(marginsPath),
    mappingName: mappingPath === undefined ? null : path.basename(mappingPath),
    provenance,
    provenanceDetail: detail,
    isSynthetic: provenance !== "real",
    notice: (lang: Lang = "da") => {
      if (provenance === "synthetic") return SYNTHETIC_NOTICE[lang];
      return provenance === "modified-synthetic" ? modifiedSyntheticNotice(detail, lang) : "";
    },
  };
  kept?.set(key, dataset);
  return dataset;
}

function nonEmpty(x: string | undefined): string | undefined {
  return x !== undefined && x.trim() !== "" ? x.trim() : undefined;
}

/** Rakes a panel to its margins on the four weighting variables (base weights 1).
 * @example weightPanel(panel, margins).design */
export function weightPanel(
  panel: PanelData,
  margins: Margins,
  options: Omit<RakeOptions, "baseWeights" | "source"> = {},
): { design: SurveyDesign; rake: RakeResult; diagnostics: WeightDiagnostics } {
  for (const name of WEIGHTING_VARIABLES) {
    if (!panel.columns[name]) {
      throw new DataError({
        file: panel.source,
        column: name,
        problem: `weighting column "${name}" is missing`,
        expected: `the weighting columns ${WEIGHTING_VARIABLES.join(", ")}`,
      });
    }
  }
  const design = rake(svydesign({ data: panel.columns, source: panel.source }), margins, options);
  const raking = design.raking as RakeResult;
  return { design, rake: raking, diagnostics: raking.diagnostics };
}
