/** Where the project lives on disk, found the same way from src/ (vitest) and from lib/ (after tsc). */
import { existsSync } from "fs";
import * as path from "path";

/** The nearest directory above this module with a package.json. @example path.join(projectRoot(), "data") */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`projectRoot: no package.json found above ${__dirname}`);
  }
}
