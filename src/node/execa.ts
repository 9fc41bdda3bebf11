type ExecaModule = typeof import('execa');
let execaModule: Promise<ExecaModule> | undefined;

/**
 * execa is ESM-only. A dynamic import loads it whether this code is bundled
 * (esbuild inlines it) or compiled to CommonJS on the fly (tests under tsx,
 * where a static import would become a failing `require`).
 */
export function loadExeca(): Promise<ExecaModule> {
  execaModule ??= import('execa');
  return execaModule;
}
