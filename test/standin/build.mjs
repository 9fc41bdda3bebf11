// Bundles the `container` stand-in into one file that bin/container runs with
// node. Kept apart from the extension's esbuild.mjs: it is test infrastructure,
// built by `npm run test:setup`, never shipped.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

await esbuild.build({
  entryPoints: [join(here, 'main.ts')],
  outfile: join(here, 'dist', 'container.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
