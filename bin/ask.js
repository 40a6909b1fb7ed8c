#!/usr/bin/env node
// `npx ask …`: runs the compiled command (lib/cli/ask.js) with no build per call.
const path = require("path");
const fs = require("fs");
const compiled = path.join(__dirname, "..", "lib", "cli", "ask.js");
if (!fs.existsSync(compiled)) {
  process.stderr.write(`${compiled} is missing: run "npm run build" once first.\n`);
  process.exit(1);
}
require(compiled)
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
