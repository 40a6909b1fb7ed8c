import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/report/dataset";
import { writePanelCache, writePanelCacheInBackground } from "../src/data/panel-cache";

const dir = mkdtempSync(join(tmpdir(), "panel-cache-"));

describe("the panel cache (parse once per build)", () => {
  const ds = loadDataset();
  const cache = join(dir, "panel.cache");
  writePanelCache(ds, cache);

  it("loadDataset with PANEL_CACHE reads the same validated panel, ids and provenance without parsing", () => {
    const cached = loadDataset({ env: { PANEL_CACHE: cache } });
    expect(cached.panelFromCache).toBe(true);
    expect(ds.panelFromCache).toBe(false);
    expect(cached.panel.rowCount).toBe(ds.panel.rowCount);
    expect(cached.panel.ids).toEqual(ds.panel.ids);
    expect(Object.keys(cached.panel.columns)).toEqual(Object.keys(ds.panel.columns));
    for (const name of Object.keys(ds.panel.columns))
      expect({ name, v: cached.panel.columns[name] }).toEqual({ name, v: ds.panel.columns[name] });
    expect(cached.provenance).toBe(ds.provenance);
    expect(Array.from(cached.design.weights)).toEqual(Array.from(ds.design.weights));
  });

  it("written in the background, the cache has the same bytes; one that cannot be written rejects and leaves no file", async () => {
    const background = join(dir, "background.cache");
    const pending = writePanelCacheInBackground(ds, background);
    expect(existsSync(background)).toBe(false); // not in place before it is complete
    await pending;
    expect(readFileSync(background).equals(readFileSync(cache))).toBe(true);
    expect(loadDataset({ env: { PANEL_CACHE: background } }).panelFromCache).toBe(true);
    const nowhere = join(dir, "missing-folder", "x.cache");
    await expect(writePanelCacheInBackground(ds, nowhere)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a cache written for another panel file, or a damaged one, is not used", () => {
    const other = join(dir, "kopi.csv");
    writeFileSync(other, readFileSync(ds.panelPath));
    const r = loadDataset({ env: { PANEL_CACHE: cache, PANEL_FILE: other } });
    expect(r.panelFromCache).toBe(false);
    expect(r.panelName).toBe("kopi.csv");
    const damaged = join(dir, "damaged.cache");
    writeFileSync(damaged, "PANELCACHE2\nxx");
    expect(loadDataset({ env: { PANEL_CACHE: damaged } }).panelFromCache).toBe(false);
  });
});
