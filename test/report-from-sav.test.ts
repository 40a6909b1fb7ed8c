import { join } from "path";
import { describe, expect, it } from "vitest";
import { computeReportData } from "../src/notebook/report-data";

const FIX = join(__dirname, "fixtures", "readers");
const saved = {
  PANEL_FILE: process.env.PANEL_FILE,
  PANEL_MAPPING: process.env.PANEL_MAPPING,
};

function withEnv<T>(env: Record<string, string | undefined>, f: () => T): T {
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("the report's numbers from a delivered .sav with a mapping equal those from the equivalent CSV", () => {
  it("every figure (estimate, se, CI, n), every id and every weight", () => {
    const csv = withEnv({ PANEL_FILE: join(FIX, "report-contract.csv"), PANEL_MAPPING: undefined }, computeReportData);
    const sav = withEnv(
      {
        PANEL_FILE: join(FIX, "report-delivered.sav"),
        PANEL_MAPPING: join(FIX, "mapping.json"),
      },
      computeReportData,
    );
    expect(sav.figures.length).toBeGreaterThan(10);
    expect(sav.figures).toEqual(csv.figures);
    expect(sav.ids).toEqual(csv.ids);
    expect(Array.from(sav.weights)).toEqual(Array.from(csv.weights));
    expect([...sav.holds]).toEqual([...csv.holds]);
    expect(sav.panelFile).toBe("report-delivered.sav");
    expect(sav.notice).toBe(csv.notice);
  });
});
