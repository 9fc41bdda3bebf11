/**
 * Writes tar archives byte by byte, for tests that need members no honest
 * tool would produce (links out of the folder, devices, absolute names,
 * damaged checksums). ustar headers; a long name gets a pax header.
 */

export interface TarEntry {
  name: string;
  /** '0' file, '1' hard link, '2' symbolic link, '3' character device, '5' folder, '6' FIFO, ... */
  type?: string;
  content?: string | Buffer;
  linkName?: string;
  mode?: number;
  /** Overrides the size field (content is still written as given). */
  size?: number;
}

const BLOCK = 512;

export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.name) > 100) {
      const record = paxRecord('path', entry.name);
      blocks.push(header({ name: 'PaxHeader', type: 'x', size: record.length }), pad(record));
    }
    const content =
      typeof entry.content === 'string'
        ? Buffer.from(entry.content)
        : (entry.content ?? Buffer.alloc(0));
    blocks.push(header({ ...entry, size: entry.size ?? content.length }), pad(content));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(blocks);
}

function header(entry: TarEntry & { size: number }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(entry.name.slice(0, 100), 0, 'utf8');
  octal(block, 100, 8, entry.mode ?? (entry.type === '5' ? 0o755 : 0o644));
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, entry.size);
  octal(block, 136, 12, 0);
  block.write(entry.type ?? '0', 156, 'latin1');
  block.write(entry.linkName ?? '', 157, 'utf8');
  block.write('ustar\u000000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) {
    sum += byte;
  }
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'latin1');
}

function pad(content: Buffer): Buffer {
  const padding = (BLOCK - (content.length % BLOCK)) % BLOCK;
  return Buffer.concat([content, Buffer.alloc(padding)]);
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body);
  length += String(length).length;
  // One more digit if adding the length's own digits crossed a power of ten.
  if (String(length).length + Buffer.byteLength(body) !== length) {
    length += 1;
  }
  return Buffer.from(`${length}${body}`);
}
