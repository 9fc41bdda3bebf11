import { shellQuote } from '../shell';

/**
 * The `slipway` launcher that **Install 'slipway' Command in PATH** writes:
 * a tiny `sh` script that runs the command line bundled in the extension
 * (`dist/cli.js`).
 *
 * It runs it on the editor's own runtime in Node mode
 * (`ELECTRON_RUN_AS_NODE=1 <editor runtime>`), as VS Code's `code` command
 * does, so that a Mac without Node still has a working `slipway`; `node` on
 * PATH is the fallback when that runtime is gone (the editor was moved or
 * uninstalled).
 *
 * It never names a versioned extension folder: each run picks the newest
 * `<publisher>.<name>-<version>` folder under the extensions folder, so it
 * keeps working after the extension updates (the editor removes the old
 * folder later) without being rewritten.
 */

/** The first lines of every launcher Slipway writes: Uninstall removes only a file that has it. */
export const LAUNCHER_MARKER = "# slipway launcher, written by Slipway's Install 'slipway' Command";

export interface LauncherInput {
  /** The editor's extensions folder, e.g. ~/.vscode/extensions. */
  extensionsDir: string;
  /** The extension's folder name without its version: `slipway.slipway`. */
  extensionId: string;
  /** The runtime that runs the extension host (process.execPath there). */
  runtime: string;
}

export function launcherScript(input: LauncherInput): string {
  // Every value the script did not write itself is single-quoted data.
  return `#!/bin/sh
${LAUNCHER_MARKER}
# in PATH. Runs the newest installed Slipway's bundled command line.
extensions=${shellQuote(input.extensionsDir)}
prefix=${shellQuote(`${input.extensionId}-`)}
runtime=${shellQuote(input.runtime)}

# The newest version folder: version numbers sorted field by field.
newest=$(ls -1 "$extensions" 2>/dev/null | grep -F -- "$prefix" | while IFS= read -r dir; do
  case $dir in "$prefix"[0-9]*) [ -f "$extensions/$dir/dist/cli.js" ] && printf '%s\\n' "\${dir#"$prefix"}";; esac
done | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
if [ -z "$newest" ]; then
  echo "slipway: Slipway is no longer installed in $extensions. Reinstall the extension, or remove this launcher ($0)." >&2
  exit 127
fi
cli="$extensions/$prefix$newest/dist/cli.js"

if [ -x "$runtime" ]; then
  ELECTRON_RUN_AS_NODE=1 exec "$runtime" "$cli" "$@"
fi
if command -v node >/dev/null 2>&1; then
  exec node "$cli" "$@"
fi
echo "slipway: the editor that installed this launcher is gone ($runtime) and there is no node on PATH. Run Install 'slipway' Command in PATH again from your editor." >&2
exit 127
`;
}

export function isSlipwayLauncher(text: string): boolean {
  return text.split('\n', 3).includes(LAUNCHER_MARKER);
}

/** `slipway.slipway-0.1.0` → `slipway.slipway`; undefined for a folder without a version. */
export function extensionIdOfFolder(folderName: string): string | undefined {
  return /^(.+)-\d+\.\d+\.\d+$/.exec(folderName)?.[1];
}

export interface InstallTarget {
  folder: string;
  /** True when the folder is on PATH (the launcher is then found as `slipway`). */
  onPath: boolean;
}

/**
 * Where the launcher goes: `~/.local/bin` when it is on PATH (no
 * administrator rights needed), else `/usr/local/bin`, on every Mac's default
 * PATH, which may need them.
 */
export function installFolder(pathVariable: string, home: string): InstallTarget {
  const entries = pathVariable
    .split(':')
    .filter(Boolean)
    .map((entry) => entry.replace(/\/+$/, ''));
  const local = `${home.replace(/\/+$/, '')}/.local/bin`;
  if (entries.includes(local)) {
    return { folder: local, onPath: true };
  }
  return { folder: '/usr/local/bin', onPath: entries.includes('/usr/local/bin') };
}
