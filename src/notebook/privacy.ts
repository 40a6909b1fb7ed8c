/** What a real panel's site may hold: aggregates only, unless built `--with-microdata` (then marked internal). */
import { escapeHtml } from "./markdown";

/** The mark on every internal file and page. @example `<!-- ${INTERNAL_MARK} -->` */
export const INTERNAL_MARK = "INTERN — indeholder besvarelser på respondentniveau";

const INTERNAL_WEIGHTS_FILE = "INTERN-weights.csv";

/** Which of three sites a build makes: the synthetic panel's, a real panel's without or with its microdata. */
export type SiteKind = "synthetic" | "real" | "real-with-microdata";

/** The kind of site a panel and `--with-microdata` give. @example siteKind(false, true) // "real-with-microdata" */
export function siteKind(isSynthetic: boolean, withMicrodata: boolean): SiteKind {
  if (isSynthetic) return "synthetic";
  return withMicrodata ? "real-with-microdata" : "real";
}

/** The file of weights per respondent a site holds, if any. @example weightsFile("synthetic") // "weights.csv" */
export function weightsFile(kind: SiteKind): string | null {
  return { synthetic: "weights.csv", "real-with-microdata": INTERNAL_WEIGHTS_FILE, real: null }[kind];
}

/** The banner on every page of an internal site (HTML). @example pageHtml(t, b, { nav, banner: internalBannerHtml() }) */
export function internalBannerHtml(): string {
  return (
    `<strong>${escapeHtml(INTERNAL_MARK)}.</strong> Bygget med <code>--with-microdata</code>: ` +
    `del hverken siden eller filerne med nogen, der ikke må se panelets svar.`
  );
}

/** What a real panel's site holds, for the index. */
const KIND_TEXT: Record<Exclude<SiteKind, "synthetic">, { headline: string; details: string }> = {
  real: {
    headline: "Rigtige besvarelser – ingen data på respondentniveau.",
    details:
      "Siden og dens filer viser kun samlede tal: andele, konfidensintervaller, antal besvarelser og vægtenes " +
      "fordeling i grupper (histogrammer som antal pr. interval, boksplot som kvartiler). Hver besvarelses vægt " +
      "(<code>weights.csv</code>) og siden <em>Spørg data</em>, som ville indeholde alle svar, er udeladt; " +
      "<code>npm run report -- --with-microdata</code> bygger en intern udgave med dem.",
  },
  "real-with-microdata": {
    headline: `${INTERNAL_MARK}.`,
    details:
      `Bygget med <code>--with-microdata</code>: <code>${INTERNAL_WEIGHTS_FILE}</code> har hver besvarelses id og ` +
      "vægt, og <code>spoerg-data.js</code> (bag <em>Spørg data</em>) har alle besvarelsers svar. Byg uden " +
      "<code>--with-microdata</code> for en udgave, der kan deles.",
  },
};

/** The index's notice: what the respondents are, the files read, what the site holds.
 * @example siteNoticeHtml("real", …) */
export function siteNoticeHtml(kind: SiteKind, notice: string, panelFile: string, marginsFile: string): string {
  const text = kind === "synthetic" ? { headline: notice, details: "" } : KIND_TEXT[kind];
  return (
    `<blockquote><p><strong>${escapeHtml(text.headline)}</strong> Panelfil: <code>${escapeHtml(panelFile)}</code>. ` +
    `Vægtet til <code>${escapeHtml(marginsFile)}</code>.</p>${text.details === "" ? "" : `<p>${text.details}</p>`}</blockquote>`
  );
}

/** A script's text with the internal mark as its first line. @example markedScript("window.ASK_DATA = …") */
export function markedScript(text: string): string {
  return `/* ${INTERNAL_MARK} */\n${text}`;
}
