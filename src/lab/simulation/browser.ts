/// <reference lib="dom" />
/**
 * The 08 page's "Kør simulerede paneler" (bundled as simulering.js): runs the simulation in a Web Worker made from
 * a Blob (the worker's bundle is in this script, so the page works from file:// and offline), shows progress, the
 * coverage table, and can cancel. The world's data (margins, targets) is the page's JSON element #simulering-data.
 */
import type { SimulationMessage, SimulationRequest } from "./worker";

/** The worker's bundle, put in by the build (esbuild `define`). */
declare const SIMULATION_WORKER_SOURCE: string;

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`simulering: the page has no element #${id}`);
  return found as T;
};
const form = byId<HTMLFormElement>("sim-form");
const repsInput = byId<HTMLInputElement>("sim-reps");
const bootInput = byId<HTMLInputElement>("sim-boot");
const aiInput = byId<HTMLInputElement>("sim-ai");
const runButton = byId<HTMLButtonElement>("sim-run");
const cancelButton = byId<HTMLButtonElement>("sim-cancel");
const progress = byId<HTMLProgressElement>("sim-progress");
const status = byId("sim-status");
const tableBox = byId("sim-table");
const data = JSON.parse(byId("simulering-data").textContent ?? "") as Pick<SimulationRequest, "margins" | "targets">;
const workerUrl = URL.createObjectURL(new Blob([SIMULATION_WORKER_SOURCE], { type: "text/javascript" }));
let worker: Worker | null = null;

const danish = (x: number, decimals: number): string => x.toFixed(decimals).replace(".", ",");
const label = (): void => {
  const reps = Number(repsInput.value);
  runButton.textContent = `Kør ${Number.isInteger(reps) && reps > 0 ? reps : ""} simulerede paneler`;
};

function stop(message: string): void {
  worker?.terminate();
  worker = null;
  runButton.disabled = false;
  cancelButton.disabled = true;
  status.textContent = message;
}

function showTable(header: string[], cells: string[][], reps: number): void {
  const table = document.createElement("table");
  const caption = table.createCaption();
  caption.textContent = `Dækning over ${reps} simulerede paneler (i browseren)`;
  const headRow = table.createTHead().insertRow();
  for (const h of header)
    headRow.appendChild(Object.assign(document.createElement("th"), { scope: "col", textContent: h }));
  const body = table.createTBody();
  for (const row of cells) {
    const tr = body.insertRow();
    row.forEach((text, j) => {
      const td = Object.assign(tr.insertCell(), { textContent: text });
      if (j >= 2) td.className = "num";
    });
  }
  const region = Object.assign(document.createElement("div"), { className: "table-scroll", tabIndex: 0 });
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", caption.textContent);
  region.appendChild(table);
  tableBox.replaceChildren(region);
}

function run(): void {
  const reps = Number(repsInput.value);
  const bootstrapReplicates = Number(bootInput.value);
  const aiUsers = Number(aiInput.value);
  if (bootstrapReplicates === 1) {
    status.textContent = "Bootstrap kræver 0 replikater (metode e udelades) eller mindst 2.";
    return;
  }
  const started = performance.now();
  worker = new Worker(workerUrl);
  runButton.disabled = true;
  cancelButton.disabled = false;
  tableBox.replaceChildren();
  progress.max = reps;
  progress.value = 0;
  progress.hidden = false;
  status.textContent = "Bygger populationen …";
  let shown = 0; // when the status text last changed: a screen reader hears it at most once a second
  worker.onmessage = (event: MessageEvent<SimulationMessage>) => {
    const message = event.data;
    if (message.type === "progress") {
      progress.value = message.done;
      if (performance.now() - shown < 1000 && message.done < reps) return;
      shown = performance.now();
      status.textContent = `panel ${message.done} af ${reps}`;
    } else if (message.type === "done") {
      showTable(message.header, message.cells, reps);
      stop(`Færdig: ${reps} paneler på ${danish((performance.now() - started) / 1000, 1)} s.`);
    } else stop(`Simuleringen fejlede: ${message.message}`);
  };
  worker.onerror = (event) => stop(`Simuleringen fejlede: ${event.message}`);
  worker.postMessage({ ...data, reps, bootstrapReplicates, aiUsers } satisfies SimulationRequest);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (worker === null) run();
});
cancelButton.addEventListener("click", () => stop(`Afbrudt efter ${progress.value} af ${progress.max} paneler.`));
repsInput.addEventListener("input", label);
label();
