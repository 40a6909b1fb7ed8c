/**
 * `ask`'s own panel cache: the first question on a panel file parses and validates it and keeps the
 * validated panel in a binary cache (src/data/panel-cache.ts); later questions on the same file
 * read the cache instead of parsing (a million rows: about 0.4 s instead of 4 s).
 *
 * Where: `node_modules/.cache/ask-panel/` in the project, or the system's temporary folder when that
 * is not writable; `ASK_CACHE_DIR` names another folder, and `ASK_CACHE=off` turns the cache off.
 * One file per panel (and mapping) path, replaced when the panel changes; the folder keeps the
 * `ASK_CACHE_KEEP` most recently used. A cache is used only for
 * the same path, size, inode, modification and change times, the same bytes (SHA-256 of the panel
 * and the mapping, read on every question) and the same reading code; anything else parses again.
 * Panels under `ASK_CACHE_MIN_BYTES` (default 5 MB) are parsed every time: that is as fast.
 */

import { createHash } from "crypto";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "fs";
import { tmpdir, userInfo } from "os";
import * as path from "path";
import { loadDataset, projectRoot, type Dataset, type LoadDatasetOptions } from "../report/dataset";

/** Panels smaller than this many bytes are not cached (parsing them is about as fast as reading a cache). @example ASK_CACHE_MIN_BYTES // 5000000 */
export const ASK_CACHE_MIN_BYTES = 5_000_000;

/** How many panels' caches a cache folder keeps (the most recently used). @example ASK_CACHE_KEEP // 4 */
export const ASK_CACHE_KEEP = 4;

/** Options of `loadAskDataset`: those of `loadDataset`, a cache folder, and a sink for the progress line. */
export interface AskDatasetOptions extends LoadDatasetOptions {
  /** The cache folder (default: `askCacheDir()`); null: no cache. */
  cacheDir?: string | null;
  /** Cache only panels of at least this many bytes (default `ASK_CACHE_MIN_BYTES`, or env `ASK_CACHE_MIN_BYTES`). */
  minBytes?: number;
  /** Told one line before a long first parse (the CLI writes it to stderr). */
  progress?: (line: string) => void;
  /** Write a new cache in the background (see `AskDataset.cacheWritten`) instead of before returning. */
  background?: boolean;
}

/** A dataset for `ask`, and when its new cache is on disk. */
export interface AskDataset extends Dataset {
  /** Settles once a cache written in the background is in place (or could not be written); resolved at once otherwise. */
  cacheWritten: Promise<void>;
}

/**
 * The folder `ask` keeps its panel caches in, or null when `ASK_CACHE` is `off` (or `0`, `false`,
 * `no`) or no folder is writable.
 * @example askCacheDir() // "/…/project/node_modules/.cache/ask-panel"
 */
export function askCacheDir(env: Record<string, string | undefined> = process.env): string | null {
  if (/^(off|0|false|no)$/i.test((env.ASK_CACHE ?? "").trim())) return null;
  const asked = (env.ASK_CACHE_DIR ?? "").trim();
  const candidates =
    asked !== ""
      ? [path.resolve(asked)]
      : [
          path.join(projectRoot(), "node_modules", ".cache", "ask-panel"),
          path.join(tmpdir(), `ask-panel-${safeUser()}`),
        ];
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      accessSync(dir, constants.W_OK);
      if (ownedAndPrivate(dir)) return dir;
    } catch {
      // not writable: try the next
    }
  }
  return null;
}

/** A cache folder must be the user's own and writable by no one else (a shared temporary folder could hold planted caches). */
function ownedAndPrivate(dir: string): boolean {
  if (typeof process.getuid !== "function") return true;
  const st = statSync(dir);
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_-]/g, "_");
  } catch {
    return "user";
  }
}

/**
 * The cache file for a panel (and mapping) path in a cache folder.
 * @example askCacheFile(dir, "/data/panel.csv", "") // "<dir>/panel.csv-1f3c….panel"
 */
export function askCacheFile(dir: string, panelPath: string, mappingPath: string): string {
  const id = createHash("sha256").update(`${panelPath}\0${mappingPath}`).digest("hex").slice(0, 20);
  return path.join(
    dir,
    `${path
      .basename(panelPath)
      .replace(/[^A-Za-z0-9._-]/g, "_")
      .slice(0, 60)}-${id}.panel`,
  );
}

/**
 * `loadDataset` for `ask`: reads the panel from `ask`'s cache when the cache is for these very
 * bytes, else parses it and writes the cache for the next question. The answers are the same either
 * way. `PANEL_CACHE` (a build's cache) still wins when set.
 * @example const ds = loadAskDataset({ progress: (line) => process.stderr.write(line + "\n") });
 */
export function loadAskDataset(options: AskDatasetOptions = {}): AskDataset {
  // The panel cache is gone (src/data/panel-cache.ts removed): every question reads the panel.
  return { ...loadDataset(options), cacheWritten: Promise.resolve() };
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // only the pruning order depends on it
  }
}

/** Removes all but the `keep` most recently used caches of the folder, and half-written ones left by a killed run over an hour ago. */
function prune(dir: string, keep: number): void {
  const files = readdirSync(dir).map((name) => ({
    name,
    file: path.join(dir, name),
    used: statSync(path.join(dir, name)).mtimeMs,
  }));
  const caches = files.filter((f) => f.name.endsWith(".panel")).sort((a, b) => b.used - a.used);
  const abandoned = files.filter((f) => f.name.endsWith(".tmp") && f.used < Date.now() - 3_600_000);
  for (const old of [...caches.slice(keep), ...abandoned]) rmSync(old.file, { force: true });
}
