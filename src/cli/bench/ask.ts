/** `npm run bench`'s follow-up figures: one recompute in the "Spørg data" page, its opening, one answer in Node. */
import { median } from "simple-statistics";
import { loadDataset } from "../../report/dataset";
import { askResult } from "../../ask/compute";
import { askPageTimings, CHECK_SPECS } from "../../checks/ask-page";
import { specFromQuery } from "../../ask/parse";

/** Times the page in Chromium and the specs in Node (ms). */
async function askBench() {
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
  return {
    recomputeMs: page.recomputeMedianMs, // median over the checked specs of one recompute (answer, table, chart)
    loadMs: page.loadMs, // from opening the page to the first answer drawn
    scriptMs: page.scriptMs, // of `loadMs`, the page script (panel, raking, first answer)
    nodeMs: median(wall), // median over the checked specs of one `askResult` in Node
    nodeCpuMs: median(cpu), // the same in CPU time (user + system), less inflated on a busy machine
  };
}

if (require.main === module) askBench().then((b) => console.log(JSON.stringify(b)));
