/**
 * The layering of src/ (docs/ARCHITECTURE.md): each folder imports only folders below it (the engine at the
 * bottom, then the codebook, data, report, presentation, questions, build; lab, checks and commands on top),
 * nothing outside cli/ and checks/ imports lab/; the other layers reach the engine only through
 * src/survey/index.ts; no module imports itself through a circle.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : [];
  });
}

/** The project modules a file imports (relative specifiers resolved to files under src/). */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)) {
    const base = resolve(dirname(file), m[1]);
    const candidates = [`${base}.ts`, join(base, "index.ts")];
    const found = candidates.find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    if (found === undefined)
      throw new Error(`${relative(SRC, file)} imports ${m[1]}, which is not a module under src/`);
    out.push(found);
  }
  return out;
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, imports(f)]));
const layer = (file: string): string => relative(SRC, file).split(/[\\/]/)[0];

/** Each folder of src/, bottom first: a folder imports only folders before it in this list. */
const LAYERS = ["survey", "codebook", "data", "report", "present", "ask", "notebook", "lab", "checks", "cli"];

describe("layers of src/", () => {
  it("every folder of src/ is a known layer", () => {
    const unknown = [...new Set(files.map(layer))].filter((l) => !LAYERS.includes(l));
    expect(unknown).toEqual([]);
  });

  it("each layer imports only the layers below it (codebook below data below report)", () => {
    const upward = files.flatMap((f) =>
      graph
        .get(f)!
        .filter((t) => LAYERS.indexOf(layer(t)) > LAYERS.indexOf(layer(f)))
        .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`),
    );
    expect(upward).toEqual([]);
  });

  it("nothing outside cli/ and checks/ imports lab/", () => {
    const intoLab = files
      .filter((f) => !["lab", "cli", "checks"].includes(layer(f)))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((t) => layer(t) === "lab")
          .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`),
      );
    expect(intoLab).toEqual([]);
  });

  it("the engine imports nothing from outside src/survey", () => {
    const outside = files
      .filter((f) => layer(f) === "survey")
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((t) => layer(t) !== "survey")
          .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`),
      );
    expect(outside).toEqual([]);
  });

  it("the other layers import the engine only through src/survey/index.ts", () => {
    const index = join(SRC, "survey", "index.ts");
    const around = files
      .filter((f) => layer(f) !== "survey")
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((t) => layer(t) === "survey" && t !== index)
          .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`),
      );
    expect(around).toEqual([]);
  });

  it("no import circles", () => {
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const walk = (file: string, path: string[]): void => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open")
          circles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SRC, f)).join(" → "));
        else if (state.get(next) === undefined) walk(next, [...path, next]);
      }
      state.set(file, "done");
    };
    for (const f of files) if (state.get(f) === undefined) walk(f, [f]);
    expect(circles).toEqual([]);
  });
});
