/** An answer's wording (`ask`, `serve`, *Spørg data*): headings, lines, notes, model and test lines, `--help`. */
import { t } from "./text";

/** `ask --help`. @example ASK_HELP.da.startsWith("Spørg data") // true */
export const ASK_HELP = t(
  `Spørg data: ét opfølgende spørgsmål til panelet, besvaret med vægtede estimater.

Brug: npx ask <spørgsmål> [valg]             (eller uden npm's opstart: bin/ask.js <spørgsmål> [valg])

Valg (de samme navne virker i adressen til siden "Spørg data": spoerg.html?question=tilbud&by=stoerrelse):
  --by VAR[,VAR]          opdel efter en eller to variabler eller grupperinger (stoerrelse, branche, oekonomi_2grp, …)
  --base NAVN             all, relevant, potential, barrier, users, potential_<område>; standard: de adspurgte
  --filter VAR=KODER      behold svarpersoner med disse koder, fx stoerrelse=1 eller branche=4,5 (kan gentages)
  --answers KODER[=NAVN]  tæl disse svarkoder sammen, fx 1-2 eller "1-2=Stort/meget stort;3-5=Mindre"
  --stat share|mean|total andel i %, gennemsnit på en skala ("ved ikke" udeladt)
                          eller anslået antal virksomheder
  --format FORMAT         table (standard), csv, csv-da (dansk Excel), json, xlsx (kræver --out FIL)
  --out FIL               skriv til FIL i stedet for skærmen
  --lang da|en            tekster på dansk (standard) eller engelsk
  --variance METODE       linearised (standard, som R's survey), jk1 (jackknife: én replikat pr.
                          svarperson) eller bootstrap (50 replikater, frø 1); hver replikat rakes
                          igen til marginalerne, som R's as.svrepdesign() + calibrate()
  --adjust VAR[,VAR]      ved siden af hver gruppes andel: andelen justeret for disse variabler (prædiktive
                          marginaler af en logistisk model pr. svar, som R's svypredmeans) og modellens
                          Wald-test af --by (regTermTest); kræver én --by og --stat share. Ingen model (en
                          streg og grunden) under 10 svar af den sjældneste slags pr. parameter, ved
                          separation eller kollinearitet
  --min-n N, --min-effective-n N   grænser for undertrykkelse (standard 10 og 5; på et rigtigt panel kan de
                          hæves, ikke sænkes, og spørgsmål, der udelader færre, afvises)
  --no-disclosure-control på et rigtigt panel: ingen diskretionskontrol (det står i svaret)
  --list                  vis alle spørgsmål, variabler og baser med deres tekster
  --help, -h              denne tekst

Eksempler:
  npx ask tilbud --by størrelse                        # ønskede tilbud efter virksomhedsstørrelse
  npx ask pot_salg --answers 1-2 --by branche          # andel med stort/meget stort potentiale i salg, efter branche
  npx ask oekonomi --stat mean --by stoerrelse_2grp    # gennemsnitlig økonomisk situation, små mod større
  npx ask ai_brug --stat total --filter branche=5      # antal virksomheder pr. AI-brug i information og kommunikation
  npx ask tilbud --by oekonomi_2grp --format csv-da --out tilbud.csv   # til Excel
  npx ask pot_salg --answers 1-2 --by stoerrelse --adjust branche,alder,erhvervshus   # rå og justerede andele

npm run ask virker også, men npm læser selv valgene, medmindre de står efter "--":
  npm run ask -- tilbud --by stoerrelse    (uden "--" tager npm --by som sit eget --bypass-2fa)
`,
  `Ask the data: one follow-up question from the panel, answered with weighted estimates.

Usage: npx ask <question> [options]            (or, without npm's start-up: bin/ask.js <question> [options])

Options (the same names work in the "Spørg data" page's URL: spoerg.html?question=tilbud&by=stoerrelse):
  --by VAR[,VAR]          split by one or two variables or groupings (stoerrelse, branche, oekonomi_2grp, ...)
  --base NAME             all, relevant, potential, barrier, users, potential_<area>; default: those asked
  --filter VAR=CODES      keep respondents with these codes, e.g. stoerrelse=1 or branche=4,5 (may be repeated)
  --answers CODES[=LABEL] count these answer codes together, e.g. 1-2 or "1-2=Stort/meget stort;3-5=Mindre"
  --stat share|mean|total share in %, mean of a scale ("ved ikke" left out), or estimated number of firms
  --format FORMAT         table (default), csv, csv-da (Danish Excel), json, xlsx (needs --out FILE)
  --out FILE              write to FILE instead of the screen
  --lang da|en            labels in Danish (default) or English
  --variance METHOD       linearised (default, as R's survey), jk1 (jackknife: one replicate per
                          respondent) or bootstrap (50 replicates, seed 1); every replicate is raked
                          again to the margins, as R's as.svrepdesign() + calibrate()
  --adjust VAR[,VAR]      beside each group's share, the share adjusted for these variables (predictive
                          margins of a logistic model per answer, as R's svypredmeans) and the model's
                          Wald test of --by (regTermTest); needs one --by and --stat share. No model (a
                          dash and the reason) below 10 answers of the rarer kind per parameter, on
                          separation or collinearity
  --min-n N, --min-effective-n N   suppression limits (default 10 and 5; on a real panel they may be
                          raised, not lowered, and questions that leave out fewer are refused)
  --no-disclosure-control on a real panel: no disclosure control (said in the answer)
  --list                  list every question, variable and base with its label
  --help, -h              this text

Examples:
  npx ask ai_brug --by stoerrelse --lang en            # AI use by firm size
  npx ask bar_salg --by stoerrelse,oekonomi_2grp --format json
  npx ask tilbud --base barrier --format xlsx --out offers.xlsx

npm run ask works too, but npm reads options itself unless they come after "--":
  npm run ask -- tilbud --by stoerrelse    (without "--", npm takes --by as its own --bypass-2fa)
`,
);

/** The words of an answer, by where they stand. @example ANSWER_TEXT.question.en // "Question" */
export const ANSWER_TEXT = {
  question: t("Spørgsmål", "Question"),
  statistic: t("Statistik", "Statistic"),
  ciInBrackets: t("95 %-konfidensinterval i parentes", "95% confidence interval in brackets"),
  base: t("Base", "Base"),
  weighted: t("vægtet", "weighted"),
  filter: t("Filter", "Filter"),
  by: t("Opdelt efter", "By"),
  adjustedFor: t("Justeret for", "Adjusted for"),
  adjustModel: t(
    "(logistisk regression; justeret andel = prædiktiv marginal, som R's svypredmeans)",
    "(logistic regression; adjusted share = predictive margin, as R's svypredmeans)",
  ),
  standardErrors: t("Standardfejl", "Standard errors"),
  within: t(", blandt", ", within"),
  raoScottTest: t("Rao–Scott-test af uafhængighed:", "Rao–Scott test of independence:"),
  raoScottTests: t("Rao–Scott-test af uafhængighed:", "Rao–Scott tests of independence:"),
  raoScottUndefined: t(
    "kan ikke beregnes (kun ét svar eller én gruppe i basen)",
    "cannot be computed (one answer or one group in the base)",
  ),
  waldHeading: (held: string) => ({
    da: `Wald-test af opdelingen i modellen, justeret for ${held} (R's regTermTest):`,
    en: `Wald test of the grouping in the model, adjusted for ${held} (R's regTermTest):`,
  }),
  below: t("under", "below"),
  above: t("over", "above"),
  answer: t("Svar", "Answer"),
  adjusted: t("justeret", "adjusted"),
  shareAxis: t("Andel (%)", "Share (%)"),
  total: t("I alt", "Total"),
  askedTo: (question: string) => t(`De adspurgte til "${question}"`, `Those asked "${question}"`),
  meanOfScale: (range: string) => t(`Gennemsnit (skala ${range})`, `Mean (scale ${range})`),
  combinedCodes: (plural: boolean, runs: string, first: string) =>
    t(`Kode${plural ? "r" : ""} ${runs}: ${first} m.fl.`, `Code${plural ? "s" : ""} ${runs}: ${first} and others`),
  yes: t("ja", "yes"),
  no: t("nej", "no"),
  sheet: t("Resultat", "Result"),
  command: t("Kommando", "Command"),
} as const;

/** An answer's statistic in words and its unit. @example STATISTIC_TEXT.share.da // "Andel" */
export const STATISTIC_TEXT = {
  numericTotal: t("Estimeret sum i populationen", "Estimated population total"),
  scalePoints: t("skalapoint", "scale points"),
  firms: t("Estimeret antal virksomheder", "Estimated number of firms"),
  firmsUnit: t("virksomheder", "firms"),
  share: t("Andel", "Share"),
} as const;

/** The rows' column headings in CSV and Excel, in the columns' order. @example ROW_HEADINGS.group.da // "Gruppe" */
export const ROW_HEADINGS = {
  unit: {
    share: t("Andel (%)", "Share (%)"),
    mean: t("Gennemsnit", "Mean"),
    total: t("Antal virksomheder", "Number of firms"),
  },
  byNumber: (i: number) => t(`Opdeling ${i}`, `By ${i}`),
  group: t("Gruppe", "Group"),
  byCode: (by: string) => t(`${by} (kode)`, `${by} (code)`),
  answerCode: t("Svarkode", "Answer code"),
  answer: t("Svar", "Answer"),
  ciLow: t("KI nedre", "CI low"),
  ciHigh: t("KI øvre", "CI high"),
  se: t("SE", "SE"),
  oneSided: t("Ensidet KI", "One-sided CI"),
  n: t("n", "n"),
  weightedBase: t("Vægtet base", "Weighted base"),
  effectiveN: t("Effektivt n", "Effective n"),
  suppressed: t("Undertrykt", "Suppressed"),
  uncertain: t("Usikker (n < 30)", "Uncertain (n < 30)"),
  adjustedShare: (share: { da: string; en: string }) =>
    t(`Justeret ${share.da.toLowerCase()}`, `Adjusted ${share.en.toLowerCase()}`),
  adjustedCiLow: t("Justeret KI nedre", "Adjusted CI low"),
  adjustedCiHigh: t("Justeret KI øvre", "Adjusted CI high"),
  adjustedSe: t("Justeret SE", "Adjusted SE"),
} as const;

/** The notes under an answer's table, and why an `--adjust` model was not fitted. @example ANSWER_NOTES.and.en */
export const ANSWER_NOTES = {
  emptyGroups: (groups: string) => ({
    da: `Udeladt, da ingen i basen hører til gruppen: ${groups}.`,
    en: `Left out, as no one in the base belongs to the group: ${groups}.`,
  }),
  and: t(" og ", " and "),
  meanExcludes: (labels: string, n: number) => ({
    da: `Gennemsnittet er over svarene på skalaen; ${labels} er udeladt (${n} svar).`,
    en: `The mean is over answers on the scale; ${labels} left out (${n} answers).`,
  }),
  numericTotal: t(
    "Summen i populationen: vægtet total med 95 %-konfidensinterval.",
    "The population total: weighted total with 95% confidence interval.",
  ),
  firmsTotal: t(
    "Antal virksomheder i populationen: vægtet total med 95 %-konfidensinterval.",
    "Number of firms in the population: weighted total with 95% confidence interval.",
  ),
  suppressed: (minN: number, minEffectiveN: number) => ({
    da: `Undertrykt (–): færre end ${minN} svar eller effektivt antal svar under ${minEffectiveN}.`,
    en: `Suppressed (–): fewer than ${minN} answers or an effective number of answers below ${minEffectiveN}.`,
  }),
  uncertain: (n: number) => ({
    da: `* Usikkert: færre end ${n} svar; intervallet er bredt.`,
    en: `* Uncertain: fewer than ${n} answers; the interval is wide.`,
  }),
  adjusted: (interval: string, minEvents: number) => ({
    da: `Justeret andel: modellens gennemsnitlige sandsynlighed, hvis alle i basen tilhørte gruppen, med deres øvrige kendetegn som de er; intervallet er ${interval}. En model fittes ikke ved færre end ${minEvents} svar af den sjældneste slags pr. parameter, ved adskillelse eller kollinearitet; så er den justerede andel tom (–), og grunden står ved testen.`,
    en: `Adjusted share: the model's mean probability if everyone in the base belonged to the group, their other characteristics as they are; the interval is ${interval}. No model is fitted with fewer than ${minEvents} answers of the rarer kind per parameter, with separation or collinearity; the adjusted share is then empty (–) and the reason stands by the test.`,
  }),
  oneSided: t(
    "Ved en andel på 0 % eller 100 % er intervallet ensidet (95 %, eksakt for den effektive stikprøvestørrelse).",
    "For a share of 0% or 100% the interval is one-sided (95%, exact for the effective sample size).",
  ),
  notAsked: (count: string, asked: string) => ({
    da: `${count} i basen blev ikke spurgt (de hører ikke til basen "${asked}") og tæller som nej.`,
    en: `${count} in the base were not asked (they are not in the base "${asked}") and count as no.`,
  }),
  separation: t(
    "modellen kan ikke fittes: en kombination af grupper har kun det ene svar (adskillelse, sandsynligheder 0 eller 1)",
    "the model cannot be fitted: a combination of groups has only one kind of answer (separation, probabilities 0 or 1)",
  ),
  collinear: t(
    "modellen kan ikke fittes: variablene hænger fuldstændigt sammen i basen (kollinearitet)",
    "the model cannot be fitted: the variables determine each other in the base (collinearity)",
  ),
  cannotFit: t("modellen kan ikke fittes", "the model cannot be fitted"),
  normalInterval: (z: string, zWithComma: string) => ({
    da: `normalfordelt: estimat ± ${zWithComma} · SE (som R's confint af svypredmeans)`,
    en: `normal: estimate ± ${z} · SE (as R's confint of svypredmeans)`,
  }),
  oneValue: (label: string, name: string) => ({
    da: `ingen model: ${label} (${name}) har kun én værdi i basen`,
    en: `no model: ${label} (${name}) has one value only in the base`,
  }),
  tooFewEvents: (rarer: number, events: number, others: number, parameters: number, minEvents: number) => ({
    da: `ingen model: ${rarer} svar af den sjældneste slags (${events} med svaret, ${others} uden) til ${parameters} parametre; der skal være mindst ${minEvents} pr. parameter`,
    en: `no model: ${rarer} answers of the rarer kind (${events} with the answer, ${others} without) for ${parameters} parameters; at least ${minEvents} per parameter are needed`,
  }),
} as const;

/** The headings of `ask --list`. @example LIST_HEADINGS.bases.en // "Bases (--base):" */
export const LIST_HEADINGS = {
  numeric: t("Spørgsmål med et tal (--stat mean eller total):", "Numeric questions (--stat mean or total):"),
  scale: t(" [skala: --stat mean]", " [scale: --stat mean]"),
  multi: t("Spørgsmål med flere svar (question):", "Multi-response questions (question):"),
  single: t("Spørgsmål med ét svar, også --by og --filter:", "Single-answer questions, also for --by and --filter:"),
  derived: t(
    "Afledte spørgsmål (på enhver base; ikke adspurgte tæller som nej):",
    "Derived questions (on any base; those not asked count as no):",
  ),
  groupings: t("Grupperinger til --by:", "Groupings for --by:"),
  bases: t("Baser (--base):", "Bases (--base):"),
  items: t(
    "Hvert enkelt svar i et spørgsmål med flere svar er også et spørgsmål, fx tilbud_netvaerk, bar_salg_viden.",
    "Each item of a multi-response question is a question too, e.g. tilbud_netvaerk, bar_salg_viden.",
  ),
} as const;

/** Each variance method's label (`--variance`). @example VARIANCE_LABELS.jk1.en // "Jackknife replicate weights …" */
export const VARIANCE_LABELS = {
  linearised: t(
    "Lineariseret standardfejl (tager højde for vægtningen)",
    "Linearised standard error (accounts for the raking)",
  ),
  jk1: t(
    "Jackknife-replikatvægte (JK1), hver replikat vægtet igen",
    "Jackknife replicate weights (JK1), each replicate raked again",
  ),
  bootstrap: t(
    "Bootstrap-replikatvægte (50, frø 1), hver replikat vægtet igen",
    "Bootstrap replicate weights (50, seed 1), each replicate raked again",
  ),
} as const;

/** The disclosure control's note, and the one of a real panel without it. @example CONTROL_NOTES.off.da */
export const CONTROL_NOTES = {
  on: t(
    "Diskretionskontrol: undertrykte grupper viser hverken n, vægtet base eller effektivt n; grupper, der sammen med totalen ville give en undertrykt gruppe tilbage, er også undertrykt.",
    "Disclosure control: suppressed groups show no n, weighted base or effective n; groups that with the total would give a suppressed group back are suppressed too.",
  ),
  off: t(
    "Diskretionskontrol slået fra (--no-disclosure-control): svaret viser små grupper og deres antal; del det ikke uden at kontrollere det.",
    "Disclosure control turned off (--no-disclosure-control): the answer shows small groups and their counts; do not share it unchecked.",
  ),
} as const;

/** What `npm run serve` answers to a request it cannot take. @example SERVER_MESSAGES.required("question").da */
export const SERVER_MESSAGES = {
  invalid: (why: { da: string; en: string }) => t(`Ugyldig forespørgsel: ${why.da}.`, `Invalid request: ${why.en}.`),
  unknownParameter: (name: string, known: string) =>
    t(`parameteren «${name}» kendes ikke; brug ${known}`, `the parameter «${name}» is unknown; use ${known}`),
  required: (name: string) => t(`parameteren «${name}» mangler`, `the parameter «${name}» is missing`),
  tooLong: (name: string, limit: string) =>
    t(`«${name}» er for lang (højst ${limit} tegn)`, `«${name}» is too long (at most ${limit} characters)`),
  tooMany: (name: string, limit: string) =>
    t(`for mange «${name}» (højst ${limit})`, `too many «${name}» (at most ${limit})`),
  notNumber: (name: string) => t(`«${name}» skal være et tal`, `«${name}» must be a number`),
  format: (formats: string) => t(`formatet skal være et af ${formats}`, `the format must be one of ${formats}`),
  once: (name: string) => t(`«${name}» må kun gives én gang`, `«${name}» may be given once only`),
  other: (name: string) => t(`«${name}» er ugyldig`, `«${name}» is invalid`),
  host: (host: string) => ({
    da: `Værten «${host}» afvises: serveren svarer kun på 127.0.0.1 og localhost.`,
    en: `The host «${host}» is refused: the server answers only 127.0.0.1 and localhost.`,
  }),
  serverError: (message: string) => t(`Serverfejl: ${message}`, `Server error: ${message}`),
} as const;
