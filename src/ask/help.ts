/** The command line's `--help` and `--list`. */
import { BASES, CODE_GROUPINGS, COLUMNS, DERIVED_QUESTIONS, MULTI_RESPONSE_GROUPS, type Lang } from "../codebook";
import { scaleOf } from "./names";

const HELP_DA = `Spørg data: ét opfølgende spørgsmål til panelet, besvaret med vægtede estimater.

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
`;

const HELP_EN = `Ask the data: one follow-up question from the panel, answered with weighted estimates.

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
`;

/**
 * The text of `npx ask --help`, in Danish unless `lang` is "en".
 * @example helpText("da").startsWith("Spørg data") // true
 */
export function helpText(lang: Lang): string {
  return lang === "en" ? HELP_EN : HELP_DA;
}

/**
 * Every name the spec takes (questions, `by` variables and groupings, bases), with its label.
 * @example listText("da").includes("tilbud") // true
 */
export function listText(lang: Lang): string {
  const da = lang === "da";
  const line = (name: string, label: string): string => `  ${name.padEnd(28)} ${label}`;
  const categorical = COLUMNS.filter((c) => c.kind === "categorical");
  const binary = COLUMNS.filter((c) => c.kind === "binary" && c.group === undefined);
  const numeric = COLUMNS.filter((c) => c.kind === "numeric");
  const numericHeading = da
    ? "Spørgsmål med et tal (--stat mean eller total):"
    : "Numeric questions (--stat mean or total):";
  const scale = da ? " [skala: --stat mean]" : " [scale: --stat mean]";
  const out = [
    da ? "Spørgsmål med flere svar (question):" : "Multi-response questions (question):",
    ...MULTI_RESPONSE_GROUPS.map((g) => line(g.name, g.label[lang])),
    da ? "Spørgsmål med ét svar, også --by og --filter:" : "Single-answer questions, also for --by and --filter:",
    ...categorical.flatMap((c) => [
      line(c.name, `${c.label[lang]}${scaleOf(c.name) ? scale : ""}`),
      `  ${"".padEnd(28)} ${c.codes.map((k) => `${k.code} = ${k.label[lang]}`).join("; ")}`,
    ]),
    ...binary.map((c) => line(c.name, c.label[lang])),
    ...(numeric.length === 0 ? [] : [numericHeading, ...numeric.map((c) => line(c.name, c.label[lang]))]),
    da
      ? "Afledte spørgsmål (på enhver base; ikke adspurgte tæller som nej):"
      : "Derived questions (on any base; those not asked count as no):",
    ...DERIVED_QUESTIONS.map((q) => line(q.name, q.label[lang])),
    da ? "Grupperinger til --by:" : "Groupings for --by:",
    ...CODE_GROUPINGS.map((g) => line(g.name, g.label[lang])),
    da ? "Baser (--base):" : "Bases (--base):",
    ...BASES.map((b) => line(b.name, b.label[lang])),
    da
      ? "Hvert enkelt svar i et spørgsmål med flere svar er også et spørgsmål, fx tilbud_netvaerk, bar_salg_viden."
      : "Each item of a multi-response question is a question too, e.g. tilbud_netvaerk, bar_salg_viden.",
  ];
  return out.join("\n") + "\n";
}
