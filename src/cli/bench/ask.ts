/** `npm run bench`'s follow-up figures: one recompute in the "Spørg data" page, its opening, one answer in Node. */
import { loadDataset } from "../../report/dataset";
import { askResult } from "../../ask/compute";
import { askPageTimings, CHECK_SPECS } from "../../checks/ask-page";
import { specFromQuery } from "../../ask/parse";

/** The bench figures, in milliseconds. */
export interface AskBench {
  recomputeMs: number; // median over the checked specs of one recompute in Chromium (answer, table, chart)
  loadMs: number; // from opening the page to the first answer drawn
  scriptMs: number; // of `loadMs`, the page script (panel, raking, first answer)
  nodeMs: number; // median over the checked specs of one `askResult` in Node
  nodeCpuMs: number; // the same in CPU time (user + system), less inflated on a busy machine
}

/** Times the page in Chromium and the same specs in Node. @example console.log(JSON.stringify(await askBench())) */
export async function askBench(): Promise<AskBench> {
  const page = await askPageTimings();
  const dataset = loadDataset();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of CHECK_SPECS) {
    const spec = specFromQuery(q);
    askResult(dataset, spec);
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    askResult(dataset, spec);
    const used = process.cpuUsage(c);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    cpu.push((used.user + used.system) / 1e3);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    recomputeMs: page.recomputeMedianMs,
    loadMs: page.loadMs,
    scriptMs: page.scriptMs,
    nodeMs: median(wall),
    nodeCpuMs: median(cpu),
  };
}

if (require.main === module) askBench().then((b) => console.log(JSON.stringify(b)));
