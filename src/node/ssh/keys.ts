import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../atomicFile';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { slipwaySshPaths } from '../../core/ssh/paths';
import { loadExeca } from '../execa';

/**
 * Slipway's own SSH key pair, in its own sub-folder of the user's SSH folder
 * (`~/.ssh/slipway/`): created once with ssh-keygen, never one of the user's
 * keys, the folder 0700 and both files 0600.
 */

/** `SLIPWAY_SSH_DIR` moves it (tests, and people who keep ~/.ssh tidy). */
export function slipwaySshDir(env: Record<string, string | undefined> = process.env): string {
  return env.SLIPWAY_SSH_DIR || path.join(homedir(), '.ssh', 'slipway');
}

export interface SlipwayKeyPair {
  privateKey: string;
  publicKeyFile: string;
  /** The `ssh-ed25519 AAAA... slipway` line. */
  publicKey: string;
}

export interface KeyOptions {
  /** The ssh-keygen to run (default: the one on PATH). */
  sshKeygen?: string;
  signal?: AbortSignal;
}

async function sshKeygen(args: string[], options: KeyOptions): Promise<string> {
  const { execa } = await loadExeca();
  const program = options.sshKeygen ?? 'ssh-keygen';
  try {
    const result = await execa(program, args, {
      stdin: 'ignore',
      timeout: 30_000,
      cancelSignal: options.signal,
    });
    return result.stdout;
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; shortMessage?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(
        `${program} was not found. Slipway needs OpenSSH's ssh-keygen to create its SSH key ` +
          '(it comes with macOS; elsewhere install the OpenSSH client).',
        { cause: error },
      );
    }
    throw new Error(
      `Creating Slipway's SSH key with ${program} failed: ${failure.stderr?.trim() || failure.shortMessage}`,
      { cause: error },
    );
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The public key line, or undefined when there is no key yet. */
export async function readPublicKey(dir: string): Promise<string | undefined> {
  try {
    const text = (await fs.readFile(slipwaySshPaths(dir).publicKey, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The folders, 0700; the user's SSH folder is only created (never re-moded) when missing. */
async function makeFolder(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
}

/**
 * The key pair, created when missing. Two Slipway processes may race: each
 * makes its pair in a private temporary folder and hard-links the private key
 * into place, which only one can do; the loser uses the winner's key.
 */
export async function ensureKeyPair(
  dir: string,
  options: KeyOptions = {},
): Promise<SlipwayKeyPair> {
  const paths = slipwaySshPaths(dir);
  await makeFolder(dir);
  if (!(await exists(paths.privateKey))) {
    const scratch = await fs.mkdtemp(path.join(dir, '.keygen-'));
    try {
      const made = path.join(scratch, 'id_ed25519');
      await sshKeygen(['-q', '-t', 'ed25519', '-N', '', '-C', 'slipway', '-f', made], options);
      await fs.chmod(made, 0o600);
      await fs.chmod(`${made}.pub`, 0o600);
      try {
        await fs.link(made, paths.privateKey);
        await fs.rename(`${made}.pub`, paths.publicKey);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }
  let publicKey = await readPublicKey(dir);
  if (publicKey === undefined) {
    // The private key is there without its .pub (lost, or another process is between its two steps).
    publicKey = (await sshKeygen(['-y', '-f', paths.privateKey], options)).trim();
    await writeFileAtomic(paths.publicKey, `${publicKey}\n`);
  }
  await fs.chmod(paths.privateKey, 0o600);
  await fs.chmod(paths.publicKey, 0o600);
  return { privateKey: paths.privateKey, publicKeyFile: paths.publicKey, publicKey };
}

/**
 * A new pair for another machine: made with ssh-keygen in a private
 * temporary folder (0700) on this one, read, and removed at once. Used when
 * Slipway runs on another Mac and the user's machine, where the key must
 * live, has none yet (an extension there cannot run ssh-keygen on it).
 */
export async function makeKeyPairForElsewhere(
  options: KeyOptions = {},
): Promise<{ privateKey: Uint8Array; publicKey: string }> {
  const scratch = await fs.mkdtemp(path.join(tmpdir(), 'slipway-key-'));
  try {
    const pair = await ensureKeyPair(scratch, options);
    return { privateKey: await fs.readFile(pair.privateKey), publicKey: pair.publicKey };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
