/**
 * Reads the members of a tar archive held in memory: ustar and GNU headers,
 * pax extended headers (long names, long link targets, big sizes) and GNU
 * long names. Slipway reads Feature archives itself instead of handing them
 * to the system's tar, whose protections differ (GNU tar on Linux, bsdtar on
 * the Mac): every member is known, with its kind and target, before a byte
 * is written.
 */

export type TarMemberKind =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'other';

export interface TarMember {
  /** The name as the archive has it (pax and GNU long names applied). */
  name: string;
  kind: TarMemberKind;
  /** Permission bits from the header. */
  mode: number;
  /** Where the content is in the archive (files only). */
  offset: number;
  size: number;
  /** A link's target as written in the archive. */
  linkName: string;
  /** The header's type flag, to name an unsupported kind. */
  typeFlag: string;
}

/** The archive is not a tar, or is cut short: said in words for the user. */
export class TarFormatError extends Error {
  override readonly name = 'SlipwayTarFormatError';
}

const BLOCK = 512;

const KINDS: Record<string, TarMemberKind> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
};

/** Every member, in archive order. Metadata headers (pax, GNU long names) are applied, not listed. */
export function readTarMembers(archive: Uint8Array): TarMember[] {
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const members: TarMember[] = [];
  let pending: { path?: string; linkpath?: string; size?: number } = {};
  let position = 0;
  while (position + BLOCK <= bytes.length) {
    const header = bytes.subarray(position, position + BLOCK);
    if (header.every((byte) => byte === 0)) {
      // The end-of-archive marker; what follows is padding.
      return members;
    }
    checkChecksum(header, position);
    const typeFlag = String.fromCharCode(header[156] ?? 0);
    const size = pending.size ?? readNumber(header.subarray(124, 136), position);
    const offset = position + BLOCK;
    if (offset + size > bytes.length) {
      throw new TarFormatError(
        `it is cut short: a member at byte ${position} says it has ${size} bytes, more than the archive has left`,
      );
    }
    const content = bytes.subarray(offset, offset + size);
    position = offset + Math.ceil(size / BLOCK) * BLOCK;
    if (typeFlag === 'x') {
      pending = { ...pending, ...readPax(content) };
      continue;
    }
    if (typeFlag === 'g') {
      // Global pax headers carry defaults such as times; no name or target is taken from them.
      continue;
    }
    if (typeFlag === 'L' || typeFlag === 'K') {
      const text = cString(content);
      pending = typeFlag === 'L' ? { ...pending, path: text } : { ...pending, linkpath: text };
      continue;
    }
    members.push({
      name: pending.path ?? headerName(header),
      kind: KINDS[typeFlag] ?? 'other',
      mode: readNumber(header.subarray(100, 108), position) & 0o7777,
      offset,
      size,
      linkName: pending.linkpath ?? cString(header.subarray(157, 257)),
      typeFlag,
    });
    pending = {};
  }
  if (position !== bytes.length || members.length === 0) {
    throw new TarFormatError('it ends in the middle of a header, or has no members at all');
  }
  return members;
}

/** ustar splits long names into a prefix (byte 345) and a name (byte 0). */
function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const ustar = header.subarray(257, 262).toString('latin1') === 'ustar';
  const prefix = ustar ? cString(header.subarray(345, 500)) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** Octal text, or GNU's base-256 (high bit set) for values octal cannot hold. */
function readNumber(field: Buffer, position: number): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) {
      value = value * 256 + byte;
    }
    if (!Number.isSafeInteger(value)) {
      throw new TarFormatError(`the header at byte ${position} has a number too large to use`);
    }
    return value;
  }
  const text = cString(field).trim();
  if (text === '') {
    return 0;
  }
  if (!/^[0-7]+$/.test(text)) {
    throw new TarFormatError(`the header at byte ${position} has a malformed number "${text}"`);
  }
  return parseInt(text, 8);
}

function checkChecksum(header: Buffer, position: number): void {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) {
    // The checksum field itself counts as eight spaces.
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  }
  if (readNumber(header.subarray(148, 156), position) !== sum) {
    throw new TarFormatError(`the header at byte ${position} is damaged (its checksum is wrong)`);
  }
}

/** pax records: `<length> <key>=<value>\n`, UTF-8. Only the keys that change where a member goes matter. */
function readPax(content: Buffer): { path?: string; linkpath?: string; size?: number } {
  const found: { path?: string; linkpath?: string; size?: number } = {};
  let position = 0;
  while (position < content.length) {
    const space = content.indexOf(0x20, position);
    const length =
      space === -1 ? NaN : Number(content.subarray(position, space).toString('latin1'));
    if (!Number.isSafeInteger(length) || length <= 0 || position + length > content.length) {
      throw new TarFormatError('it has a malformed pax header');
    }
    const record = content.subarray(space + 1, position + length - 1).toString('utf8');
    position += length;
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') {
      found.path = value;
    } else if (key === 'linkpath') {
      found.linkpath = value;
    } else if (key === 'size') {
      const size = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(size)) {
        throw new TarFormatError(`it has a malformed pax size "${value}"`);
      }
      found.size = size;
    }
  }
  return found;
}
