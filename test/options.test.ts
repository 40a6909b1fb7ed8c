// Every verb checks its options object: an unknown option, a misspelled one or a value of the wrong
// kind is a DataError naming the verb and the option, never silently ignored.
import { describe, expect, it } from "vitest";
import {
  asReplicateDesign,
  calibrate,
  DataError,
  postStratify,
  rake,
  svyciprop,
  svydesign,
  svydiff,
  svyitems,
  svymean,
  svrepdesign,
  svyshares,
  svytotal,
  trimWeights,
  type Margins,
  type SurveyDesign,
} from "../src/survey";

const data = {
  sex: [1, 1, 2, 2, 1, 2],
  y: [1, 0, 1, 1, 0, 0],
  x: [3, 5, 2, 8, 1, 4],
  r1: [2, 0, 2, 1, 1, 1],
  r2: [0, 2, 1, 2, 1, 1],
};
const design = svydesign({ data, source: "small.csv" });
const margins: Margins = {
  source: "margins.csv",
  total: 12,
  rows: [
    { variable: "sex", level: 1, count: 5, sourceStatus: "verbatim" },
    { variable: "sex", level: 2, count: 7, sourceStatus: "verbatim" },
  ],
};

type Call = (options: never) => unknown;
const verbs: [string, Call][] = [
  ["svydesign", (o: object) => svydesign({ data, source: "small.csv", ...o })],
  ["svyciprop", (o: object) => svyciprop(design, "y", [1], o)],
  ["svymean", (o: object) => svymean(design, "x", o)],
  ["svytotal", (o: object) => svytotal(design, "x", undefined, o)],
  ["svyshares", (o: object) => svyshares(design, [{ column: "y", codes: [1] }], o)],
  ["svyitems", (o: object) => svyitems(design, ["y"], [1], o)],
  ["svydiff", (o: object) => svydiff(design, "y", [1], "sex", [[1], [2]], o)],
  ["rake", (o: object) => rake(design, margins, o)],
  ["trimWeights", (o: object) => trimWeights(design, o)],
  ["asReplicateDesign", (o: object) => asReplicateDesign(design, o)],
  ["calibrate", (o: object) => calibrate(design, { terms: [["sex"]], factors: ["sex"] }, [12, 7], o)],
  [
    "postStratify",
    (o: object) =>
      postStratify(
        design,
        ["sex"],
        [
          { sex: 1, Freq: 5 },
          { sex: 2, Freq: 7 },
        ],
        o,
      ),
  ],
  [
    "svrepdesign",
    (o: object) => svrepdesign({ data, repweights: ["r1", "r2"], type: "JK1", source: "small.csv", ...o }),
  ],
];

function expectOptionError(call: () => unknown, verb: string, option: string, text: RegExp): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, `${verb} accepted ${option}`).toBeInstanceOf(DataError);
  expect((error as DataError).column).toBe(option);
  expect((error as DataError).message).toMatch(text);
}

describe("every verb refuses an options object it cannot honour", () => {
  for (const [verb, call] of verbs) {
    it(`${verb}: an unknown option`, () =>
      expectOptionError(
        () => call({ colour: "red" } as never),
        verb,
        "colour",
        new RegExp(`${verb} has no option "colour"`),
      ));
  }
  it.each([
    ["svyciprop", "levle", "level"],
    ["svymean", "deffmethod", "deffMethod"],
    ["rake", "tolerence", "tolerance"],
    ["trimWeights", "uper", "upper"],
    ["asReplicateDesign", "tpye", "type"],
    ["svydesign", "strat", "strata"],
    ["calibrate", "calfn", "calfun"],
    ["svrepdesign", "rscaels", "rscales"],
  ])("%s: a misspelled option (%s) names the one meant (%s)", (verb, wrong, meant) => {
    const call = verbs.find(([v]) => v === verb)?.[1] as Call;
    expectOptionError(() => call({ [wrong]: 1 } as never), verb, wrong, new RegExp(`did you mean "${meant}"`));
  });
  it.each([
    ["svyciprop", { ci: "wilson" }, "ci"],
    ["svyciprop", { level: "95%" }, "level"],
    ["svytotal", { ci: "logit" }, "ci"],
    ["svymean", { deffMethod: "srs" }, "deffMethod"],
    ["rake", { bounds: "0.5,2" }, "bounds"],
    ["trimWeights", { strict: "yes" }, "strict"],
    ["asReplicateDesign", { replicates: "50" }, "replicates"],
    ["svydesign", { nest: "TRUE" }, "nest"],
    ["calibrate", { calfun: "ratio" }, "calfun"],
    ["calibrate", { bounds: [2, 1] }, "bounds"],
    ["postStratify", { partial: 1 }, "partial"],
    ["svrepdesign", { mse: "no" }, "mse"],
  ])("%s: %j is a value of the wrong kind", (verb, options, option) => {
    const call = verbs.find(([v]) => v === verb)?.[1] as Call;
    expectOptionError(() => call(options as never), verb, option, new RegExp(verb));
  });
  it("an options value that is not an object", () => {
    expect(() => svyciprop(design as SurveyDesign, "y", [1], 0.9 as never)).toThrow(
      /svyciprop's options are not an object/,
    );
  });
  it("the options that do apply still work", () => {
    expect(svyciprop(design, "y", [1], { ci: "beta", level: 0.9 }).level).toBe(0.9);
    expect(trimWeights(design, { upper: 2 }).weights.length).toBe(6);
  });
});
