/** The messages of `ask`, `npm run serve` and *Spørg data* for a mistake in a question, in Danish and English. */
import type { Label } from "../labels";
import { list, t } from "./text";
const LIST_HINT = t("`npx ask --list` viser navnene.", "`npx ask --list` lists the names.");

/** The mistakes in a question, by what went wrong. @example SPEC_MESSAGES.missingValue("by").da */
export const SPEC_MESSAGES = {
  unknownName: (what: Label, given: string, hint: Label = LIST_HINT) =>
    t(`Ukendt ${what.da} "${given}". ${hint.da}`, `Unknown ${what.en} "${given}". ${hint.en}`),
  notCodes: (what: Label, variable: string, text: string, valid: readonly string[]) => ({
    da: `${what.da} for "${variable}": "${text}" er ikke koder eller svar; skriv fx "1", "1,2", "1-2" eller et svar (${list(valid)}).`,
    en: `${what.en} for "${variable}": "${text}" is not a list of codes or labels; expected e.g. "1", "1,2", "1-2" or a label (${list(valid)}).`,
  }),
  noCodes: (what: Label, variable: string) => ({
    da: `${what.da} for "${variable}" nævner ingen koder; skriv fx "1" eller "1-2".`,
    en: `${what.en} for "${variable}" names no codes; expected e.g. "1" or "1-2".`,
  }),
  unknownCode: (what: Label, variable: string, code: number, valid: readonly number[]) => ({
    da: `${what.da} for "${variable}": ${code} er ikke en kode for "${variable}"; koderne er ${list(valid)}.`,
    en: `${what.en} for "${variable}": code ${code} is not a code of "${variable}"; expected one of ${list(valid)}.`,
  }),
  filterNotPair: (part: string) => ({
    da: `Filteret "${part}" er ikke variabel=koder; skriv fx "stoerrelse=1" eller "branche=4,5".`,
    en: `Filter "${part}" is not variable=codes; expected e.g. "stoerrelse=1" or "branche=4,5".`,
  }),
  filterRepeated: (variable: string) => ({
    da: `Filteret på "${variable}" er givet to gange; giv alle dets koder på én gang, fx "${variable}=1,2".`,
    en: `Filter on "${variable}" given twice; give all its codes at once, e.g. "${variable}=1,2".`,
  }),
  answersNotCategorical: (question: string, valid: readonly string[]) => ({
    da: `Svargrupper kræver et spørgsmål med svarkategorier; det har "${question}" ikke. Spørgsmål med svarkategorier: ${list(valid)}.`,
    en: `Answer groups need a categorical question; "${question}" is not one. Categorical questions: ${list(valid)}.`,
  }),
  answersEmpty: (question: string) => ({
    da: `Svargrupperne for "${question}" er tomme; skriv fx "1-2".`,
    en: `Answer groups for "${question}" are empty; expected e.g. "1-2".`,
  }),
  answersOnMean: () => ({
    da: "Svargrupper gælder en andel eller et antal, ikke et gennemsnit.",
    en: "Answer groups apply to a share or a total, not to a mean.",
  }),
  notANumber: (name: string, value: string) => ({
    da: `${name} skal være et tal på 0 eller derover, ikke ${value}.`,
    en: `${name} must be a non-negative number, got ${value}.`,
  }),
  unknownLang: (given: string) =>
    t(`Ukendt sprog "${given}"; brug da eller en.`, `Unknown language "${given}"; expected da or en.`),
  missingQuestion: () => ({
    da: "Intet spørgsmål; skriv fx en kolonne som ai_brug eller et spørgsmål med flere svar som tilbud.",
    en: "No question given; expected a column such as ai_brug or a multi-response group such as tilbud.",
  }),
  tooManyBy: (given: readonly string[]) => ({
    da: `Højst to "by"-variabler, ikke ${given.length}: ${list(given)}.`,
    en: `At most two "by" variables, got ${given.length}: ${list(given)}.`,
  }),
  byIsQuestion: (by: string) => ({
    da: `"by" ${by} er selve spørgsmålet; et spørgsmål opdelt efter sig selv siger intet. Vælg en anden variabel, fx stoerrelse eller branche.`,
    en: `"by" ${by} is the question itself; a question split by itself says nothing. Choose another variable, e.g. stoerrelse or branche.`,
  }),
  byRepeated: (variable: string, by: readonly string[]) => ({
    da: `"by" nævner ${variable} to gange (${list(by)}); vælg to forskellige variabler.`,
    en: `"by" names ${variable} twice (${list(by)}); choose two different variables.`,
  }),
  meanNotScale: (question: string) => ({
    da: `Et gennemsnit kræver en skala; "${question}" har ingen. Skalaer: oekonomi, digi_produktivitet, pot_<område>.`,
    en: `A mean needs a rating scale; "${question}" is not one. Scales: oekonomi, digi_produktivitet, pot_<area>.`,
  }),
  unknownVariance: (given: string, valid: readonly string[]) => ({
    da: `Ukendt variansmetode "${given}"; brug ${list(valid)}.`,
    en: `Unknown variance method "${given}"; expected ${list(valid)}.`,
  }),
  optionNotNumber: (name: string, text: string) =>
    t(`--${name}: "${text}" er ikke et tal på 0 eller derover.`, `--${name}: "${text}" is not a non-negative number.`),
  repeatedOption: (written: string, first: string, second: string, hint: Label | null) => ({
    da: `${written} er givet to gange ("${first}" og "${second}"); giv det én gang.${hint ? ` ${hint.da}` : ""}`,
    en: `${written} is given twice ("${first}" and "${second}"); give it once.${hint ? ` ${hint.en}` : ""}`,
  }),
  twoByHint: (written: string, values: readonly string[]) => ({
    da: `To "by"-variabler skrives ${written}=${values.join(",")}.`,
    en: `For two "by" variables write ${written}=${values.join(",")}.`,
  }),
  npmRunHint: () => ({
    da: '(Med npm run skal valgene have "--" foran: npm run ask -- tilbud --by stoerrelse; ellers tager npm --by som sit eget --bypass-2fa. npx ask behøver ikke "--".)',
    en: '(With npm run, options need "--" first: npm run ask -- tilbud --by stoerrelse; without it npm takes --by as its own --bypass-2fa. npx ask needs no "--".)',
  }),
  unknownOption: (name: string, known: readonly string[]) =>
    t(`Ukendt valg "--${name}". Valg: ${list(known)}.`, `Unknown option "--${name}". Options: ${list(known)}.`),
  unknownParameter: (name: string, known: readonly string[]) => ({
    da: `Ukendt parameter "${name}". Parametre: ${list(known)}.`,
    en: `Unknown parameter "${name}". Parameters: ${list(known)}.`,
  }),
  missingValue: (name: string) => t(`Valget --${name} mangler en værdi.`, `Option --${name} needs a value.`),
  unknownFormat: (given: string, valid: readonly string[]) =>
    t(`Ukendt format "${given}". Formater: ${list(valid)}.`, `Unknown format "${given}". Formats: ${list(valid)}.`),
  outIsInput: (file: string) => ({
    da: `--out ${file}: det er en af de filer, svaret læses fra; vælg et andet filnavn`,
    en: `--out ${file}: that is a file the answer is read from; choose another file name`,
  }),
  cannotWrite: (file: string, why: string) => t(`kunne ikke skrive ${file}: ${why}`, `could not write ${file}: ${why}`),
  missingOut: () => ({
    da: "--format xlsx skriver en fil: angiv den med --out FIL.xlsx.",
    en: "--format xlsx writes a file: give it with --out FILE.xlsx.",
  }),
  baseNotAsked: (base: string, notAsked: number, question: string, fitting: readonly string[]) => ({
    da: `Basen "${base}" rummer ${notAsked} svarpersoner, der ikke blev spurgt om "${question}". Baser, der passer: ${list(fitting)}.`,
    en: `Base "${base}" includes ${notAsked} respondent(s) who were not asked "${question}". Bases that fit: ${list(fitting)}.`,
  }),
  byNotAsked: (by: string, missing: number) => ({
    da: `"by" ${by} er tom (ikke spurgt) for ${missing} svarpersoner i basen; vælg en variabel, som alle i basen blev spurgt om, fx stoerrelse.`,
    en: `"by" ${by} is empty (not asked) for ${missing} respondent(s) in the base; choose a variable asked of everyone in it, e.g. stoerrelse.`,
  }),
  emptyBase: (base: string) => ({
    da: `Der er ingen svarpersoner tilbage i basen "${base}" efter filtrene; gør et filter bredere.`,
    en: `No respondents are left in the base "${base}" after the filters; widen a filter.`,
  }),
  refused: (why: Label) => ({
    da: `Spørgsmålet afvises af diskretionskontrollen: ${why.da}`,
    en: `The question is refused by the disclosure control: ${why.en}`,
  }),
  thresholdsFloor: (minN: number, minEffectiveN: number, givenN: number, givenEffective: number) => ({
    da: `Grænserne for diskretionskontrol kan hæves, men ikke sættes under n = ${minN} og effektivt n = ${minEffectiveN} (givet: --min-n ${givenN}, --min-effective-n ${givenEffective}). På kommandolinjen slår --no-disclosure-control kontrollen helt fra, og det skrives i svaret.`,
    en: `The disclosure thresholds can be raised but not set below n = ${minN} and effective n = ${minEffectiveN} (given: --min-n ${givenN}, --min-effective-n ${givenEffective}). On the command line --no-disclosure-control turns the control off, and the answer says so.`,
  }),
  thresholdsFromRequest: (minN: number, minEffectiveN: number) => ({
    da: `en forespørgsel kan ikke sænke grænserne (n = ${minN}, effektivt n = ${minEffectiveN}); de sættes af den, der starter serveren eller kommandoen.`,
    en: `a request cannot lower the thresholds (n = ${minN}, effective n = ${minEffectiveN}); whoever starts the server or command sets them.`,
  }),
  tooFewLeft: (minN: number, minEffectiveN: number) => ({
    da: `der er færre end ${minN} svar (eller et effektivt antal under ${minEffectiveN}) tilbage efter base og filtre. Vælg en bredere base eller færre filtre.`,
    en: `fewer than ${minN} answers (or an effective number below ${minEffectiveN}) are left after base and filters. Choose a wider base or fewer filters.`,
  }),
  leavesOutTooFew: (what: Label, minN: number) => ({
    da: `${what.da} udelader færre end ${minN} svar (i alt eller i en af grupperne), så deres svar kunne findes ved at trække to spørgsmål fra hinanden. Vælg en bredere base, bredere filtre eller en anden opdeling.`,
    en: `${what.en} leaves out fewer than ${minN} answers (in all or in one of the groups), so their answers could be found by subtracting two questions. Choose a wider base, wider filters or another split.`,
  }),
  serverDown: () => ({
    da: "Serveren svarer ikke: start den igen med npm run serve, og genindlæs siden.",
    en: "The server does not answer: start it again with npm run serve and reload the page.",
  }),
  serverStatus: (status: number) => t(`Serveren svarede ${status}.`, `The server answered ${status}.`),
  adjustNeedsShare: () => ({
    da: "--adjust giver justerede andele (--stat share) for grupperne i én --by, fx --by stoerrelse --adjust branche,alder.",
    en: "--adjust gives adjusted shares (--stat share) for the groups of one --by, e.g. --by stoerrelse --adjust branche,alder.",
  }),
  adjustTaken: (given: string, variable: string) => ({
    da: `--adjust ${given}: ${variable} er allerede spørgsmålet, --by eller en anden justering.`,
    en: `--adjust ${given}: ${variable} is already the question, --by or another adjustment.`,
  }),
  adjustNotAsked: (variable: string, missing: number) => ({
    da: `--adjust ${variable} er tom (ikke spurgt) for ${missing} svarpersoner i basen; justér for variabler, alle i basen har svaret på, fx branche eller alder.`,
    en: `--adjust ${variable} is empty (not asked) for ${missing} respondent(s) in the base; adjust for variables everyone in it answered, e.g. branche or alder.`,
  }),
  didYouMean: (suggestions: readonly string[]) => ({
    da: `Mente du ${suggestions.map((s) => `"${s}"`).join(" eller ")}?`,
    en: `Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?`,
  }),
} as const;

/** The names of what a message is about, in both languages. @example NAMES.question.da // "spørgsmål" */
export const NAMES = {
  question: t("spørgsmål", "question"),
  by: t('"by"-variabel', '"by" variable'),
  filterVariable: t("filtervariabel", "filter variable"),
  base: t("base", "base"),
  statistic: t("statistik", "statistic"),
  filter: t("Filter", "filter"),
  answers: t("Svar", "answers"),
  adjust: t("justeringsvariabel", "adjustment variable"),
} as const;

/** The *Spørg data* page's own messages (it shows them in Danish). @example PAGE_MESSAGES.noData.da */
export const PAGE_MESSAGES = {
  chartLoading: t("Figuren indlæses …", "The chart is loading …"),
  plotlyMissing: t("plotly.min.js mangler ved siden af siden.", "plotly.min.js is missing beside the page."),
  error: (why: string) => t(`Fejl: ${why}`, `Error: ${why}`),
  linkPartly: (why: string) => ({
    da: `Linket kunne ikke læses helt: ${why} Siden viser det, der kunne læses.`,
    en: `The link could not be read in full: ${why} The page shows what could be read.`,
  }),
  needsServer: (port: string) => ({
    da: `Denne side indeholder ingen svar fra panelet; den henter dem fra en lokal server. Start den i projektmappen med npm run serve (samme PANEL_FILE og PANEL_MAPPING som rapporten), og åbn den adresse, den skriver, fx http://127.0.0.1:${port}/spoerg.html.`,
    en: `This page holds no answers from the panel; it fetches them from a local server. Start it in the project folder with npm run serve (the same PANEL_FILE and PANEL_MAPPING as the report), and open the address it prints, e.g. http://127.0.0.1:${port}/spoerg.html.`,
  }),
  noData: t(
    "spoerg-data.js mangler ved siden af siden: byg rapporten igen med npm run report.",
    "spoerg-data.js is missing beside the page: build the report again with npm run report.",
  ),
} as const;
