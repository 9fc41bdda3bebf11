import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isSlipwayLauncher } from '../core/launcher/launcher';
import { writeFileAtomic } from './atomicFile';
import { loadExeca } from './execa';

/** The file operations behind Install / Uninstall 'slipway' Command in PATH. */

export type LauncherResult = 'done' | 'needsAdmin' | 'notOurs' | 'absent';

function denied(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/**
 * Writes the launcher (0755: everyone may run it; it holds nothing secret) as
 * `<folder>/slipway`, or says that the folder needs administrator rights.
 * A `slipway` there that Slipway did not write is left alone.
 */
export async function writeLauncher(folder: string, script: string): Promise<LauncherResult> {
  const file = path.join(folder, 'slipway');
  const existing = await readOrUndefined(file);
  if (existing !== undefined && !isSlipwayLauncher(existing)) {
    return 'notOurs';
  }
  try {
    await fs.mkdir(folder, { recursive: true });
    await writeFileAtomic(file, script, 0o755);
    return 'done';
  } catch (error) {
    if (denied(error)) {
      return 'needsAdmin';
    }
    throw error;
  }
}

/** Removes `<folder>/slipway` when it is Slipway's launcher. */
export async function removeLauncher(folder: string): Promise<LauncherResult> {
  const file = path.join(folder, 'slipway');
  const existing = await readOrUndefined(file);
  if (existing === undefined) {
    return 'absent';
  }
  if (!isSlipwayLauncher(existing)) {
    return 'notOurs';
  }
  try {
    await fs.unlink(file);
    return 'done';
  } catch (error) {
    if (denied(error)) {
      return 'needsAdmin';
    }
    throw error;
  }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * macOS only: installs or removes the launcher with an administrator password
 * prompt, as VS Code's own Install 'code' Command does. The paths go to the
 * AppleScript as arguments and reach the shell through `quoted form of`, so no
 * shell text is ever built here. Resolves false when the user cancels.
 */
export async function withAdminRights(
  action: 'install' | 'remove',
  folder: string,
  script: string,
): Promise<boolean> {
  const { execa } = await loadExeca();
  const target = path.join(folder, 'slipway');
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'slipway-launcher-'));
  try {
    const source = path.join(scratch, 'slipway');
    await fs.writeFile(source, script, { mode: 0o755 });
    const command =
      action === 'install'
        ? '"/bin/mkdir -p " & quoted form of item 2 of argv & " && /usr/bin/install -m 0755 " & quoted form of item 1 of argv & " " & quoted form of item 3 of argv'
        : '"/bin/rm -f " & quoted form of item 3 of argv';
    const result = await execa(
      '/usr/bin/osascript',
      [
        '-e',
        'on run argv',
        '-e',
        `do shell script ${command} with administrator privileges`,
        '-e',
        'end run',
        source,
        folder,
        target,
      ],
      { reject: false },
    );
    // -128: the user cancelled the password prompt.
    if (result.exitCode !== 0 && /-128/.test(String(result.stderr))) {
      return false;
    }
    if (result.exitCode !== 0) {
      throw new Error(`osascript failed: ${String(result.stderr).trim()}`);
    }
    return true;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
