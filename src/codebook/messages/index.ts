/** The one catalogue of messages, Danish (default) and English: a question's mistakes, the commands' texts, and the
 * frame of a data error. @example errorText(error, "da") // 'panel.csv, række 3, kolonne "ai_brug": værdien … */
import { ConvergenceError, DataError } from "../../survey";
import type { Lang } from "../labels";

export * from "./text";
export * from "./ask";
export * from "./answer";
export * from "./commands";

/** A data error in `lang`: where (file, row, column), what is wrong and expected. @example dataErrorText(e, "da") */
function dataErrorText(e: DataError, lang: Lang): string {
  if (lang === "en") return e.message;
  let where = e.file;
  if (e.row !== null) where += `, række ${e.row}`;
  if (e.column !== null) where += `, kolonne "${e.column}"`;
  const problem = e.da.problem ?? (e.value !== null ? `værdien "${e.value}" er ugyldig` : "ugyldigt input");
  return `${where}: ${problem}; forventet ${e.da.expected}`;
}

/** Any error in `lang`: a data error or failed raking in its frame, else its own text. @example errorText(e, "da") */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof DataError) return dataErrorText(error, lang);
  if (error instanceof ConvergenceError && lang === "da") {
    const cells = error.cells.map((c) => `  ${c.variable}=${c.level}: mål ${c.target}, opnået ${c.achieved}`);
    const head = `Rakningen nåede ikke den relative tolerance ${error.tolerance} på ${error.iterations} iterationer`;
    return [`${head}; opnået mod mål pr. margincelle:`, ...cells].join("\n");
  }
  if (typeof error === "object" && error !== null && "text" in error && typeof error.text === "function")
    return String(error.text(lang));
  return error instanceof Error ? error.message : String(error);
}
