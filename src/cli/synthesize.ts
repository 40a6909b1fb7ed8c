/**
 * `npm run synthesize [-- --seed N --margins FILE --out FILE --check]`: writes the SYNTHETIC panel, 4,128 invented
 * respondents reproducing every published figure (src/lab/synthesize/); deterministic. `--check` compares instead.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { SYNTHETIC_PANEL_FILE } from "../codebook";
import { projectRoot } from "../codebook/project-root";
import { DEFAULT_MARGINS_FILE, resolveDataPath } from "../report/dataset";
import { readMargins } from "../data/load";
import { DEFAULT_SEED, panelToCsv, synthesizePanel, targetChecks } from "../lab/synthesize";
import { runMain } from "../checks/chromium";

function parseArgs(argv: string[]) {
  const args = {
    seed: DEFAULT_SEED,
    margins: DEFAULT_MARGINS_FILE,
    out: path.join(projectRoot(), SYNTHETIC_PANEL_FILE),
    check: false,
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const next = (): string => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`synthesize: ${a} needs a value`);
      return v;
    };
    if (a === "--seed") {
      const v = next();
      args.seed = Number(v);
      if (!Number.isInteger(args.seed)) throw new Error(`synthesize: --seed must be an integer, got "${v}"`);
    } else if (a === "--margins") args.margins = next();
    else if (a === "--out") args.out = path.resolve(next());
    else if (a === "--check") args.check = true;
    else
      throw new Error(
        `synthesize: unknown argument "${a}". Usage: synthesize [--seed N] [--margins FILE] [--out FILE] [--check]`,
      );
  }
  return args;
}

runMain(() => {
  const args = parseArgs(process.argv.slice(2));
  const margins = readMargins(resolveDataPath(args.margins));
  const panel = synthesizePanel({ margins, seed: args.seed });
  const csv = panelToCsv(panel);
  for (const c of targetChecks(panel)) {
    const value = Number.isInteger(c.achieved) ? String(c.achieved) : c.achieved.toFixed(3);
    process.stderr.write(`${c.ok ? "ok " : "MISSED"} ${c.name}: ${value} (expected ${c.expected})\n`);
  }
  if (args.check) {
    const same = existsSync(args.out) && readFileSync(args.out, "utf8") === csv;
    process.stdout.write(same ? `${args.out} is up to date\n` : `${args.out} differs from the generator's output\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(args.out, csv, "utf8");
  process.stdout.write(`wrote ${panel.rowCount} synthetic respondents to ${args.out}\n`);
});
