/** Text snapshots of executed notebooks: each code cell's printed and text/plain output, normalised. */
import * as fs from "fs";
import * as path from "path";
import { Notebook, joinSource, firstLine } from "../../src/notebook/ipynb";

/** LF line ends, no ANSI codes or trailing blanks, the root as `<root>`. @example normaliseText("a \r\n") // "a" */
export function normaliseText(text: string, root?: string): string {
  let out = text.replace(/\r\n?/g, "\n").replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
  if (root) out = out.split(root).join("<root>");
  return out
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

/** A notebook's snapshot: a header per code cell, then its text outputs. @example notebookTextSnapshot(nb, root) */
export function notebookTextSnapshot(notebook: Notebook, root?: string): string {
  const parts: string[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const blocks: string[] = [];
    for (const output of cell.outputs) {
      if (output.output_type === "stream") {
        blocks.push(`[${output.name}]\n${normaliseText(joinSource(output.text), root)}`);
      } else if (output.output_type === "display_data" || output.output_type === "execute_result") {
        const plain = output.data["text/plain"];
        if (typeof plain === "string" || Array.isArray(plain))
          blocks.push(`[text/plain]\n${normaliseText(joinSource(plain), root)}`);
      } else {
        blocks.push(`[error]\n${output.ename}: ${normaliseText(output.evalue, root)}`);
      }
    }
    if (blocks.length > 0) parts.push(`### cell ${index}: ${firstLine(cell.source)}\n${blocks.join("\n")}`);
  });
  return `${parts.join("\n\n")}\n`;
}

/** A text against its committed snapshot; `message` names the first differing line. */
export interface SnapshotComparison {
  status: "match" | "written" | "missing" | "differs";
  message: string;
}

/** Compares `text` with the snapshot file (or writes it with `update`). @example compareSnapshot(file, text, false) */
export function compareSnapshot(file: string, text: string, update: boolean): SnapshotComparison {
  if (update) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return { status: "written", message: "" };
  }
  if (!fs.existsSync(file))
    return {
      status: "missing",
      message: `${file}: no snapshot; write it with UPDATE_SNAPSHOTS=1 and review it before committing`,
    };
  const expected = fs.readFileSync(file, "utf8");
  if (expected === text) return { status: "match", message: "" };
  const a = expected.split("\n");
  const b = text.split("\n");
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const heading = [...b.slice(0, line + 1)].reverse().find((l) => l.startsWith("### cell ")) ?? "";
  return {
    status: "differs",
    message:
      `${file}: output differs from the snapshot at line ${line + 1}${heading ? ` (${heading.slice(4)})` : ""}:\n` +
      `  snapshot: ${JSON.stringify(a[line] ?? "<end of file>")}\n  now:      ${JSON.stringify(b[line] ?? "<end of file>")}\n` +
      `If the change is intended, rerun with UPDATE_SNAPSHOTS=1 and commit the snapshot.`,
  };
}
