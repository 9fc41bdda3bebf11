import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  chooseLocalHome,
  homeFromConfigSetting,
  type HomeCandidate,
  type LocalFiles,
} from '../core/ssh/localSide';
import { sshConfigFileSetting } from './settings';

/**
 * The user's own machine, seen from Slipway running on another Mac (the
 * window is on it). Node's `fs` there is the Mac's disk; the editor maps the
 * `vscode-local` scheme to the `file` scheme of the machine the window is
 * shown on, so `workspace.fs` on `vscode-local:` URIs reads and writes the
 * user's files. It cannot set a file's mode: see protectKeyArgv.
 */

const LOCAL_SCHEME = 'vscode-local';
const HOME_KEY = 'slipway.localHome';

function localUri(file: string): vscode.Uri {
  return vscode.Uri.from({ scheme: LOCAL_SCHEME, path: file });
}

function notFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound';
}

function unreachable(file: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `Slipway could not reach ${file} on this computer through the editor (${reason}). Check the file's permissions on this computer, then reopen.`,
    { cause: error },
  );
}

export const localMachineFiles: LocalFiles = {
  async read(file) {
    try {
      return await vscode.workspace.fs.readFile(localUri(file));
    } catch (error) {
      if (notFound(error)) {
        return undefined;
      }
      throw unreachable(file, error);
    }
  },
  async write(file, content) {
    try {
      await vscode.workspace.fs.createDirectory(localUri(path.posix.dirname(file)));
      await vscode.workspace.fs.writeFile(localUri(file), content);
    } catch (error) {
      throw unreachable(file, error);
    }
  },
};

async function readableSshFolder(home: string): Promise<HomeCandidate | undefined> {
  try {
    // Listing it, not only finding it: another user's .ssh is there but closed.
    await vscode.workspace.fs.readDirectory(localUri(path.posix.join(home, '.ssh')));
  } catch {
    return undefined;
  }
  const config = await localMachineFiles
    .read(path.posix.join(home, '.ssh', 'config'))
    .catch(() => undefined);
  return config === undefined ? { home } : { home, sshConfig: new TextDecoder().decode(config) };
}

async function homeCandidates(): Promise<HomeCandidate[]> {
  const candidates: HomeCandidate[] = [];
  for (const root of ['/Users', '/home']) {
    const entries = await vscode.workspace.fs.readDirectory(localUri(root)).then(
      (found) => found,
      () => [] as Array<[string, vscode.FileType]>,
    );
    for (const [name] of entries) {
      const candidate = await readableSshFolder(path.posix.join(root, name));
      if (candidate !== undefined) {
        candidates.push(candidate);
      }
    }
  }
  return candidates;
}

/**
 * The user's home on their machine, which no API tells an extension on the
 * Mac: the one remembered, else the folder of an absolute
 * `remote.SSH.configFile`, else the home whose SSH folder this user can read
 * (and whose config names the Mac, when there are several), else the user's
 * pick. Remembered across windows.
 */
export async function findLocalHome(
  state: vscode.Memento,
  mac: string,
  knowsMac: (sshConfig: string) => boolean,
): Promise<string> {
  const remembered = state.get<string>(HOME_KEY);
  if (remembered !== undefined && (await readableSshFolder(remembered)) !== undefined) {
    return remembered;
  }
  const candidates = await homeCandidates();
  let home = homeFromConfigSetting(sshConfigFileSetting()) ?? chooseLocalHome(candidates, knowsMac);
  if (home === undefined && candidates.length > 1) {
    const picked = await vscode.window.showQuickPick(
      candidates.map((candidate) => ({ label: candidate.home })),
      { title: 'Which is your home folder on this computer?', ignoreFocusOut: true },
    );
    home = picked?.label;
  }
  if (home === undefined) {
    throw new Error(
      `Slipway could not find your SSH folder on this computer (it looked for .ssh under /Users and /home), where the window's host entry for a container on ${mac} must go. Connect to ${mac} once with ssh from a terminal on this computer, then reopen.`,
    );
  }
  await state.update(HOME_KEY, home);
  return home;
}
