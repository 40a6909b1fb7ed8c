/**
 * Issue 24 item 5: a panel rewritten while it is read is an error naming the file, never a mixed answer.
 * A writer is simulated by `fs.readFileSync`: each read of the panel appends a respondent to it afterwards.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadDataset, DEFAULT_MARGINS_FILE } from "../src/report/dataset";
import { validatePanel } from "../src/data/validate";
import { projectRoot } from "../src/codebook/project-root";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { DataError } from "../src/survey";
import { errorText } from "../src/codebook/messages";
import { realLookingPanel } from "./helpers/real-panel";
import { tempDir } from "./helpers/temp-dirs";

const writer = vi.hoisted(() => ({ file: "", appended: "" }));

vi.mock("fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("fs")>();
  const readFileSync = ((...args: Parameters<typeof actual.readFileSync>) => {
    const bytes = actual.readFileSync(...args);
    if (writer.file !== "" && args[0] === writer.file) actual.appendFileSync(writer.file, writer.appended);
    return bytes;
  }) as typeof actual.readFileSync;
  return { ...actual, readFileSync, default: { ...actual, readFileSync } };
});

const MESSAGE = /^levering\.csv: filen blev ændret, mens den blev læst/;

describe("a panel that changes while it is read", () => {
  beforeEach(() => {
    writer.file = "";
    const file = realLookingPanel(tempDir("panel-change-"), 1, "levering.csv");
    const lastRow = readFileSync(file, "utf8").trimEnd().split("\n").pop() ?? "";
    writer.appended = `${lastRow.replace(/^\d+/, "99999")}\n`; // one valid respondent more
    writer.file = file;
  });

  it("stops loadDataset (ask, report) with a DataError naming the file", () => {
    let error: unknown = null;
    try {
      loadDataset({ panelFile: writer.file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect(errorText(error, "da")).toMatch(MESSAGE);
  });

  it("is an error in validate", () => {
    const report = validatePanel({
      panelFile: writer.file,
      marginsFile: path.join(projectRoot(), DEFAULT_MARGINS_FILE),
      shippedPanelFile: path.join(projectRoot(), SYNTHETIC_PANEL_FILE),
    });
    expect(report.errors).toBeGreaterThan(0);
    expect(report.lines.join("\n")).toMatch(/FEJL levering\.csv: filen blev ændret, mens den blev læst/);
  });
});
