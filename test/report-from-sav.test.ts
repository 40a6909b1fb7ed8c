import { join } from "path";
import { describe, expect, it } from "vitest";
import { computeReportData } from "../src/notebook/report-data";
import { setEnv } from "./helpers/env";

const FIX = join(__dirname, "fixtures", "readers");
function withEnv<T>(env: Record<string, string | undefined>, f: () => T): T {
  const restore = setEnv(env);
  try {
    return f();
  } finally {
    restore();
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
