// Bundles the extension and the `slipway` command line. Type checking is a
// separate `tsc --noEmit` step: esbuild only strips types.
import { writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot
  // follow; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
};

// One bundle serves the editor and the `slipway` command, so the .vsix carries
// the engine once. Both entries are reached through require() inside a
// function, which esbuild compiles to lazy module initialisers: the command
// line never loads the editor half, whose `require("vscode")` exists only
// inside VS Code.
const ENTRY = `
exports.activate = (context) => require('./src/vscode/extension').activate(context);
exports.deactivate = () => require('./src/vscode/extension').deactivate();
exports.runCli = () => require('./src/cli/main').runFromProcess();
`;

// dist/cli.js, the \`bin\` npm links and the launcher runs, only starts the command line.
const CLI_SHIM = `#!/usr/bin/env node
'use strict';
require('./extension.js').runCli();
`;

await esbuild.build({
  ...common,
  stdin: { contents: ENTRY, resolveDir: '.', sourcefile: 'slipway-entry.js', loader: 'js' },
  outfile: 'dist/extension.js',
  // The editor provides \`vscode\` at run time; it is never bundled.
  external: ['vscode'],
});
await writeFile('dist/cli.js', CLI_SHIM, { mode: 0o755 });
