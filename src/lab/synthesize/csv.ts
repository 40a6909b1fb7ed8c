/** Writing a generated panel as the contract's CSV. */

import { COLUMNS } from "../../codebook";
import { DataError } from "../../survey";

/**
 * The panel as CSV: codebook column order, comma separated, empty cell = not asked, `\n` line ends.
 * @example panelToCsv({ rowCount: 1, columns: { id: [1], ... } }); // "id,branche,...\n1,4,...\n"
 */
export function panelToCsv(panel: { rowCount: number; columns: Record<string, readonly (number | null)[]> }): string {
  const names = COLUMNS.map((c) => c.name);
  for (const name of names) {
    const values = panel.columns[name];
    if (values === undefined || values.length !== panel.rowCount) {
      throw new DataError({
        file: "synthetic panel",
        column: name,
        value: values === undefined ? null : String(values.length),
        problem: values === undefined ? "column is missing" : "column has the wrong number of values",
        expected: `${panel.rowCount} values for every codebook column`,
      });
    }
  }
  const lines = [names.join(",")];
  // join writes null (not asked) as an empty cell
  for (let i = 0; i < panel.rowCount; i++) lines.push(names.map((name) => panel.columns[name][i]).join(","));
  return lines.join("\n") + "\n";
}
