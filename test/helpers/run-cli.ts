/** Running a compiled command (`lib/cli/<name>.js`) as a user would from a folder. */
import { spawnSync } from "child_process";
import { join } from "path";

/**
 * Runs `lib/cli/<cli>.js` with `args` in `cwd` (also its `INIT_CWD`, as `npm run` sets it).
 * @example runCli("map", ["levering.sav"], dir).status // 0
 */
export function runCli(
  cli: string,
  args: string[],
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "lib", "cli", `${cli}.js`), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: cwd },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
