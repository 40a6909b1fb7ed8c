/** The command line's `--help` and `--list`. */
import { BASES, CODE_GROUPINGS, COLUMNS, MULTI_RESPONSE_GROUPS, type Lang } from "../codebook";
import { scaleOf } from "./names";

/** The text of `npx ask --help`. */
export const HELP = `Spørg data / ask the data: one follow-up question from the panel, answered with weighted estimates.

Usage: npx ask <question> [options]            (or, without npm's start-up: bin/ask.js <question> [options])

Options (the same names work in the "Spørg data" page's URL: spoerg.html?question=tilbud&by=stoerrelse):
  --by VAR[,VAR]          split by one or two variables or groupings (stoerrelse, branche, oekonomi_2grp, ...)
  --base NAME             all, relevant, potential, barrier, users, potential_<area>; default: those asked
  --filter VAR=CODES      keep respondents with these codes, e.g. stoerrelse=1 or branche=4,5 (may be repeated)
  --answers CODES[=LABEL] count these answer codes together, e.g. 1-2 or "1-2=Stort/meget stort;3-5=Mindre"
  --stat share|mean|total share in % (andel), mean of a scale (gennemsnit; "ved ikke" left out),
                          or estimated number of firms (antal)
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
  --min-n N, --min-effective-n N   suppression limits (default 10 and 5)
  --list                  list every question, variable and base with its label
  --help, -h              this text

Eksempler (dansk):
  npx ask tilbud --by størrelse                        # ønskede tilbud efter virksomhedsstørrelse
  npx ask pot_salg --answers 1-2 --by branche          # andel med stort/meget stort potentiale i salg, efter branche
  npx ask oekonomi --stat mean --by stoerrelse_2grp    # gennemsnitlig økonomisk situation, små mod større
  npx ask ai_brug --stat total --filter branche=5      # antal virksomheder pr. AI-brug i information og kommunikation
  npx ask tilbud --by oekonomi_2grp --format csv-da --out tilbud.csv   # til Excel
  npx ask pot_salg --answers 1-2 --by stoerrelse --adjust branche,alder,erhvervshus   # rå og justerede andele

Examples (English):
  npx ask ai_brug --by stoerrelse --lang en            # AI use by firm size
  npx ask bar_salg --by stoerrelse,oekonomi_2grp --format json
  npx ask tilbud --base barrier --format xlsx --out offers.xlsx

npm run ask works too, but npm reads options itself unless they come after "--":
  npm run ask -- tilbud --by stoerrelse    (without "--", npm takes --by as its own --bypass-2fa)
`;

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
