// Bundles the desktop VS Code suite (runTests + the in-editor suite) to
// dist-test/electron; `vscode` comes from the editor, mocha from node_modules.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/electron/runTests.ts', 'test/electron/suite.ts'],
  outdir: 'dist-test/electron',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
