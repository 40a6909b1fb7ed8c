/**
 * Temporary folders for a test file, removed when the file's tests are done.
 * @example const dir = tempDir("report-nb-");
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system's temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
