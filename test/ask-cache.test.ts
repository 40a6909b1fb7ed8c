/**
 * ask's panel cache (src/ask/dataset-cache.ts): the second question on a panel reads the cache and
 * answers exactly as a parse does; a panel changed in any way — even to the same size with its old
 * modification time put back — is parsed again, never answered from the stale cache; ASK_CACHE=off
 * keeps no cache, and a folder others can write to is not used; the command prints the same bytes on
 * stdout with and without it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { askResult } from "../src/ask/compute";
import { ASK_CACHE_KEEP, askCacheDir, askCacheFile, loadAskDataset } from "../src/ask/dataset-cache";
import { normalizeSpec, type AskSpecInput } from "../src/ask/spec";
import { SYNTHETIC_PANEL_FILE } from "../src/codebook";
import { loadDataset, type Dataset } from "../src/report/dataset";
import { hashFiles, startHashFiles } from "../src/data/file-hash";
import { readPanelCache, writePanelCache } from "../src/data/panel-cache";
import { tempDir } from "./helpers/temp-dirs";

const root = path.join(__dirname, "..");
const shipped = path.join(root, SYNTHETIC_PANEL_FILE);
const SPECS: AskSpecInput[] = [
  { question: "tilbud", by: "stoerrelse" },
  { question: "pot_salg", answers: "1-2", by: "branche", base: "potential" },
  { question: "oekonomi", stat: "mean", by: "stoerrelse_2grp", filter: "branche=1,2" },
  { question: "ai_brug", stat: "total" },
];

const answers = (ds: Dataset): string => JSON.stringify(SPECS.map((s) => askResult(ds, normalizeSpec(s))));

/** A copy of the shipped panel in a folder of its own, and a cache folder; caching from the first byte. */
function setup(): { panel: string; cacheDir: string; load: () => Dataset } {
  const dir = tempDir("ask-cache-");
  const panel = path.join(dir, "panel.csv");
  fs.copyFileSync(shipped, panel);
  const cacheDir = path.join(dir, "cache");
  fs.mkdirSync(cacheDir);
  return { panel, cacheDir, load: () => loadAskDataset({ panelFile: panel, cacheDir, minBytes: 0, env: {} }) };
}

describe("ask's panel cache", () => {
  it("the first question parses and writes the cache; the next reads it and answers byte for byte the same", () => {
    const { panel, cacheDir, load } = setup();
    const first = load();
    expect(first.panelFromCache).toBe(false);
    expect(fs.existsSync(askCacheFile(cacheDir, panel, ""))).toBe(true);
    const second = load();
    expect(second.panelFromCache).toBe(true);
    const parsed = loadDataset({ panelFile: panel, env: {} });
    expect(answers(second)).toBe(answers(parsed));
    expect(answers(first)).toBe(answers(parsed));
    expect(second.provenance).toBe(parsed.provenance);
    expect(second.panel.ids).toEqual(parsed.panel.ids);
  });

  it("with background, the cache is in place once cacheWritten settles, and the next question reads it", async () => {
    const { panel, cacheDir, load } = setup();
    const first = loadAskDataset({ panelFile: panel, cacheDir, minBytes: 0, env: {}, background: true });
    expect(first.panelFromCache).toBe(false);
    await first.cacheWritten;
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(askCacheFile(cacheDir, panel, ""))]);
    const second = load();
    expect(second.panelFromCache).toBe(true);
    expect(answers(second)).toBe(answers(first));
  });

  it("a panel changed to the same size with its old modification time put back is parsed again, not read from the stale cache", () => {
    const { panel, load } = setup();
    const when = new Date("2025-10-01T12:00:00Z");
    fs.utimesSync(panel, when, when);
    const before = answers(load());
    expect(load().panelFromCache).toBe(true);
    const stat = fs.statSync(panel);
    const text = fs.readFileSync(panel, "utf8");
    const changed = text.replace("\n1,4,1,", "\n1,4,2,"); // respondent 1: size band 1 → 2, same bytes count
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    fs.writeFileSync(panel, changed);
    fs.utimesSync(panel, when, when);
    expect(fs.statSync(panel).size).toBe(stat.size);
    expect(fs.statSync(panel).mtimeMs).toBe(stat.mtimeMs);
    const after = load();
    expect(after.panelFromCache).toBe(false);
    expect(after.panel.compact.codes.stoerrelse[0]).toBe(2);
    expect(answers(after)).toBe(answers(loadDataset({ panelFile: panel, env: {} })));
    expect(answers(after)).not.toBe(before);
    expect(load().panelFromCache).toBe(true); // the cache now holds the changed panel
  });

  it("a cache whose recorded bytes' hash differs from the file's is not used, though path, size, inode and times agree", () => {
    const { panel, cacheDir, load } = setup();
    const ds = load();
    const file = askCacheFile(cacheDir, panel, "");
    writePanelCache({ ...ds, cacheKey: { ...ds.cacheKey, contentHash: "0".repeat(64) } }, file);
    expect(readPanelCache(file, { ...ds.cacheKey, contentHash: "0".repeat(64) })).not.toBeNull(); // the planted cache is readable
    const again = load();
    expect(again.panelFromCache).toBe(false);
    expect(again.cacheKey.contentHash).toBe(hashFiles([panel]));
    expect(load().panelFromCache).toBe(true); // rewritten for the real bytes
  });

  it("the hash computed in a worker thread is the one computed here", () => {
    const { panel } = setup();
    expect(startHashFiles([panel, shipped]).result()).toBe(hashFiles([panel, shipped]));
    expect(hashFiles([panel])).toMatch(/^[0-9a-f]{64}$/);
  });

  it("another file moved onto the panel's path is parsed again", () => {
    const { panel, load } = setup();
    load();
    const other = `${panel}.new`;
    fs.copyFileSync(panel, other);
    fs.renameSync(other, panel);
    expect(load().panelFromCache).toBe(false);
  });

  it(`a cache folder keeps the ${ASK_CACHE_KEEP} most recently used panels' caches`, () => {
    const { panel, cacheDir } = setup();
    const copies = Array.from({ length: ASK_CACHE_KEEP + 1 }, (_, k) => {
      const copy = panel.replace(/\.csv$/, `-${k}.csv`);
      fs.copyFileSync(panel, copy);
      return copy;
    });
    for (const copy of copies) loadAskDataset({ panelFile: copy, cacheDir, minBytes: 0, env: {} });
    expect(
      fs
        .readdirSync(cacheDir)
        .filter((f) => f.endsWith(".panel"))
        .sort(),
    ).toEqual(
      copies
        .slice(1)
        .map((c) => path.basename(askCacheFile(cacheDir, c, "")))
        .sort(),
    );
  });

  it("ASK_CACHE=off keeps no cache; ASK_CACHE_DIR names the folder", () => {
    expect(askCacheDir({ ASK_CACHE: "off" })).toBeNull();
    const dir = path.join(tempDir("ask-cache-dir-"), "sub");
    expect(askCacheDir({ ASK_CACHE_DIR: dir })).toBe(dir);
    expect(fs.existsSync(dir)).toBe(true);
    const shared = tempDir("ask-cache-shared-");
    fs.chmodSync(shared, 0o777);
    expect(askCacheDir({ ASK_CACHE_DIR: shared })).toBeNull(); // anyone could plant a cache there
    const { panel } = setup();
    const ds = loadAskDataset({ panelFile: panel, minBytes: 0, env: { ASK_CACHE: "off", ASK_CACHE_DIR: dir } });
    expect(ds.panelFromCache).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("bin/ask.js prints the same bytes on stdout parsing, writing the cache and reading it, and with the cache off", () => {
    const { panel, cacheDir } = setup();
    const run = (extra: Record<string, string>): { stdout: string; status: number | null } => {
      const r = spawnSync(
        process.execPath,
        [path.join(root, "bin", "ask.js"), "tilbud", "--by", "stoerrelse", "--format", "json"],
        {
          cwd: root,
          encoding: "utf8",
          env: {
            ...process.env,
            PANEL_FILE: panel,
            PANEL_CACHE: "",
            ASK_CACHE_DIR: cacheDir,
            ASK_CACHE_MIN_BYTES: "1",
            ...extra,
          },
        },
      );
      return { stdout: r.stdout, status: r.status };
    };
    const off = run({ ASK_CACHE: "off" });
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    const writing = run({});
    expect(fs.readdirSync(cacheDir).length).toBe(1);
    const reading = run({});
    expect(off.status).toBe(0);
    expect(JSON.parse(off.stdout).rows.length).toBeGreaterThan(0);
    expect(writing).toEqual(off);
    expect(reading).toEqual(off);
  });
});
