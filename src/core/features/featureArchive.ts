import { FeatureFetchError } from './oci';
import type { TarMember } from './tarReader';

/**
 * What may come out of a Feature's archive. A Feature comes from a registry
 * or a URL that anyone can publish to, so its archive is checked in full
 * before anything is written: every member stays inside the Feature's
 * folder (names, symbolic-link targets followed through the archive's own
 * links, hard-link targets), only files, folders and symbolic links are
 * made, and one Feature cannot fill the disk.
 */

/** Far above any real Feature (a few KB to a few MB unpacked), far below a full disk. */
export const FEATURE_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Real Features have a handful of files; the largest known have a few hundred. */
export const FEATURE_MAX_ENTRIES = 10_000;
/** Symbolic links followed while resolving one target: Linux's own limit. */
const MAX_LINK_HOPS = 40;
/** Longer paths fail on some file systems (macOS: 1024 bytes); no Feature needs them. */
const MAX_PATH_BYTES = 900;

/** What to make, in order, relative to the Feature's folder. */
export type ArchiveStep =
  | { kind: 'directory'; path: string }
  | { kind: 'file'; path: string; offset: number; size: number; executable: boolean }
  | { kind: 'copy'; path: string; from: string; size: number; executable: boolean }
  | { kind: 'symlink'; path: string; target: string };

export function planFeatureArchive(members: readonly TarMember[], what: string): ArchiveStep[] {
  if (members.length > FEATURE_MAX_ENTRIES) {
    throw refused(
      what,
      `has ${members.length} entries, more than the ${FEATURE_MAX_ENTRIES} Slipway unpacks for one Feature`,
    );
  }
  const steps: ArchiveStep[] = [];
  /** Folded name → what is there, to spot duplicates and links in the way. */
  const made = new Map<string, ArchiveStep>();
  const links = new Map<string, string>();
  let total = 0;
  for (const member of members) {
    const name = memberPath(member.name, what);
    if (name === '') {
      // The archive's own top folder ("./").
      continue;
    }
    const key = fold(name);
    const through = parentNotFolder(key, made);
    if (through !== undefined) {
      throw refused(
        what,
        through.kind === 'symlink'
          ? `has the member ${quote(member.name)} inside the symbolic link ${quote(through.path)}; writing it would follow the link`
          : `has the member ${quote(member.name)} inside ${quote(through.path)}, which is not a folder`,
      );
    }
    const existing = made.get(key);
    if (existing !== undefined) {
      if (existing.kind === 'directory' && member.kind === 'directory') {
        continue;
      }
      throw refused(
        what,
        `has the member ${quote(member.name)} twice (names that differ only in case or Unicode form are one file on macOS)`,
      );
    }
    let step: ArchiveStep;
    switch (member.kind) {
      case 'directory':
        step = { kind: 'directory', path: name };
        break;
      case 'file':
        total += member.size;
        step = {
          kind: 'file',
          path: name,
          offset: member.offset,
          size: member.size,
          executable: (member.mode & 0o111) !== 0,
        };
        break;
      case 'hardlink': {
        // A hard link's target is a path from the archive's top, not from the link.
        const from = made.get(fold(normalizeTarget(member.linkName)));
        if (
          path(member.linkName).startsWith('/') ||
          from === undefined ||
          (from.kind !== 'file' && from.kind !== 'copy')
        ) {
          throw refused(
            what,
            `has the member ${quote(member.name)}, a hard link to ${quote(member.linkName)}, which is not a file earlier in the Feature's folder`,
          );
        }
        total += from.size;
        const source = from.kind === 'copy' ? from.from : from.path;
        step = {
          kind: 'copy',
          path: name,
          from: source,
          size: from.size,
          executable: from.executable,
        };
        break;
      }
      case 'symlink':
        links.set(key, member.linkName);
        step = { kind: 'symlink', path: name, target: member.linkName };
        break;
      default:
        throw refused(
          what,
          `has the member ${quote(member.name)}, which is ${describeKind(member)}; a Feature may only contain files, folders and symbolic links`,
        );
    }
    if (total > FEATURE_MAX_UNPACKED_BYTES) {
      throw refused(
        what,
        `unpacks to more than ${FEATURE_MAX_UNPACKED_BYTES / (1024 * 1024)} MiB (the limit Slipway sets for one Feature)`,
      );
    }
    made.set(key, step);
    steps.push(step);
  }
  for (const step of steps) {
    if (step.kind === 'symlink') {
      const where = resolveLink(step.path, step.target, links);
      if (where !== 'inside') {
        throw refused(
          what,
          where === 'loop'
            ? `has the symbolic link ${quote(step.path)}, whose target ${quote(step.target)} loops`
            : `has the symbolic link ${quote(step.path)} to ${quote(step.target)}, which leads outside the Feature's folder`,
        );
      }
    }
  }
  for (const required of ['devcontainer-feature.json', 'install.sh']) {
    const step = made.get(fold(required));
    if (step !== undefined && step.kind !== 'file' && step.kind !== 'copy') {
      throw refused(
        what,
        `has ${required} as a ${step.kind === 'symlink' ? 'symbolic link' : 'folder'}; it must be a regular file`,
      );
    }
  }
  if (made.get(fold('devcontainer-feature.json')) === undefined) {
    throw new FeatureFetchError(
      'bad-response',
      `The archive of ${what} has no devcontainer-feature.json at its top, so it is not a Dev Container Feature. Check the reference.`,
    );
  }
  return steps;
}

/** The member's path without "./", checked to stay below the folder. */
function memberPath(raw: string, what: string): string {
  const name = path(raw);
  if (raw.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw refused(
      what,
      `has the member ${quote(raw)}, which would be written outside the Feature's folder (an absolute path)`,
    );
  }
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw refused(
      what,
      `has the member ${quote(raw)}, which would be written outside the Feature's folder`,
    );
  }
  const joined = parts.join('/');
  if (Buffer.byteLength(joined) > MAX_PATH_BYTES || parts.some((p) => Buffer.byteLength(p) > 255)) {
    throw refused(what, `has the member ${quote(raw.slice(0, 80))}…, whose name is too long`);
  }
  return joined;
}

function path(name: string): string {
  return name.replace(/\\/g, '/');
}

function normalizeTarget(target: string): string {
  return path(target)
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/**
 * Keys that are equal where the Mac's file system says names are equal
 * (APFS ignores case and Unicode normalization by default), so no two
 * members can land on one file there while looking different here.
 */
function fold(name: string): string {
  return name.normalize('NFD').toLowerCase();
}

/** An earlier member that is not a folder (a link, a file) which a member's path goes through. */
function parentNotFolder(key: string, made: Map<string, ArchiveStep>): ArchiveStep | undefined {
  const parts = key.split('/');
  for (let length = 1; length < parts.length; length++) {
    const found = made.get(parts.slice(0, length).join('/'));
    if (found !== undefined && found.kind !== 'directory') {
      return found;
    }
  }
  return undefined;
}

/**
 * Follows a link's target the way the kernel would, through the archive's
 * other links, and says whether it stays inside the folder. Lexical
 * checking is not enough: `a/up -> ..` is inside, and `b -> a/up/..` is not.
 */
function resolveLink(
  linkPath: string,
  target: string,
  links: Map<string, string>,
): 'inside' | 'outside' | 'loop' {
  if (path(target).startsWith('/') || target.includes('\0')) {
    return 'outside';
  }
  const stack = linkPath.split('/').slice(0, -1);
  const queue = path(target).split('/');
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (stack.length === 0) {
        return 'outside';
      }
      stack.pop();
      continue;
    }
    stack.push(part);
    const next = links.get(fold(stack.join('/')));
    if (next !== undefined) {
      if (++hops > MAX_LINK_HOPS) {
        return 'loop';
      }
      if (path(next).startsWith('/')) {
        return 'outside';
      }
      stack.pop();
      queue.unshift(...path(next).split('/'));
    }
  }
  return 'inside';
}

function describeKind(member: TarMember): string {
  switch (member.kind) {
    case 'character-device':
      return 'a character device';
    case 'block-device':
      return 'a block device';
    case 'fifo':
      return 'a named pipe (FIFO)';
    default:
      return `of a kind Slipway does not unpack (tar type "${member.typeFlag.replace(/\0/g, '\\0')}")`;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function refused(what: string, detail: string): FeatureFetchError {
  return new FeatureFetchError(
    'bad-response',
    `The archive of ${what} ${detail}, so it was not unpacked. Do not use this Feature; report it to its publisher.`,
  );
}
