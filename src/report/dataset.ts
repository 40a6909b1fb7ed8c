/**
 * The dataset every notebook and command works on: the panel file, the population margins and the
 * raked design, found the same way from the project root, from `notebooks/` and from `lib/`.
 *
 * Which files: environment variable `PANEL_FILE` (default: the synthetic panel
 * `data/survey/panel-2025-synthetic.csv`) and `MARGINS_FILE` (default:
 * `data/population/margins.csv`). So the same notebooks run unchanged on the real panel:
 * `PANEL_FILE=/path/to/panel-2025.csv npm run report`.
 */

import { existsSync } from "fs";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE, type Lang } from "./codebook";
import { readMargins, readPanel } from "./load";
import type { RakeResult } from "../survey/rake";
import type { Margins, Panel } from "../survey/types";
import type { SurveyDesign } from "../survey";
import { weightPanel } from "./weighting";

/** The default margins file, relative to the project root. */
export const DEFAULT_MARGINS_FILE = "data/population/margins.csv";

/** A loaded, weighted dataset. */
export interface Dataset {
  panel: Panel;
  margins: Margins;
  /** The raked design: the panel's data, weights and calibration, as the estimators take it. */
  design: SurveyDesign;
  /** The raking details (iterations, achieved margins, weight diagnostics). */
  rake: RakeResult;
  /** Absolute path of the panel file read. */
  panelPath: string;
  /** Absolute path of the margins file read. */
  marginsPath: string;
  /** True when the panel is the project's synthetic file (not real respondents). */
  isSynthetic: boolean;
  /** One line to show wherever a number from this dataset is shown; empty for a real panel. */
  notice(lang?: Lang): string;
}

/** Options of `loadDataset`; each overrides the environment variable and the default. */
export interface LoadDatasetOptions {
  panelFile?: string;
  marginsFile?: string;
  /** Environment to read `PANEL_FILE` / `MARGINS_FILE` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

let cachedRoot: string | null = null;

/**
 * The project root: the nearest directory above this module with a package.json (works from src/
 * under vitest and from lib/ after tsc).
 */
export function projectRoot(): string {
  if (cachedRoot !== null) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) {
      cachedRoot = dir;
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`projectRoot: no package.json found above ${__dirname}`);
    dir = up;
  }
}

/**
 * Resolves a data file name: absolute paths as they are; relative ones against the current directory
 * if the file exists there, else against the project root.
 */
export function resolveDataPath(file: string): string {
  if (path.isAbsolute(file)) return file;
  const fromCwd = path.resolve(process.cwd(), file);
  if (existsSync(fromCwd)) return fromCwd;
  return path.resolve(projectRoot(), file);
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

/**
 * Reads the panel and the margins, validates them, and rakes the panel to the margins.
 *
 * @example
 * const ds = loadDataset();                  // the synthetic panel
 * ds.notice("da");                           // "Bemærk: Respondenterne er syntetiske. ..."
 * loadDataset({ panelFile: "real.csv" });    // or PANEL_FILE=real.csv in the environment
 */
export function loadDataset(options: LoadDatasetOptions = {}): Dataset {
  const env = options.env ?? process.env;
  const panelPath = resolveDataPath(options.panelFile ?? nonEmpty(env.PANEL_FILE) ?? SYNTHETIC_PANEL_FILE);
  const marginsPath = resolveDataPath(options.marginsFile ?? nonEmpty(env.MARGINS_FILE) ?? DEFAULT_MARGINS_FILE);
  const panel = readPanel(panelPath);
  const margins = readMargins(marginsPath);
  const weighted = weightPanel(panel, margins);
  const isSynthetic = isSyntheticPanelPath(panelPath);
  return {
    panel,
    margins,
    design: weighted.design,
    rake: weighted.rake,
    panelPath,
    marginsPath,
    isSynthetic,
    notice: (lang: Lang = "da") => (isSynthetic ? SYNTHETIC_NOTICE[lang] : ""),
  };
}

/** True for the shipped synthetic file, or any panel file whose name says "synthetic". */
export function isSyntheticPanelPath(file: string): boolean {
  return path.resolve(file) === path.resolve(projectRoot(), SYNTHETIC_PANEL_FILE) || /synthetic/i.test(path.basename(file));
}

function nonEmpty(x: string | undefined): string | undefined {
  return x !== undefined && x.trim() !== "" ? x.trim() : undefined;
}
