import { crc32, inflateRawSync } from 'node:zlib';

/** One file read back from a zip archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Reads every entry of a small zip through its central directory, the way Teams' uploader does, and checks
 * each entry's size and CRC. Deliberately minimal (no zip64, encryption or multi-disk: an app package is
 * three small files), so checking our own packages needs no extra dependency; anything else is an error.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('zip64 archives are not supported');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${i}`);
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (flags & 1) throw new Error(`${name}: encrypted entries are not supported`);
    entries.push({ name, data: readEntryData(zip, name, localHeader, method, compressedSize, size, crc) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, so it starts within that much of the end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip archive (no end of central directory record)');
}

function readEntryData(zip: Buffer, name: string, header: number, method: number, compressedSize: number, size: number, crc: number): Buffer {
  if (zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) throw new Error(`${name}: bad local file header`);
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const raw = zip.subarray(start, start + compressedSize);
  const data = decompress(name, method, raw);
  if (data.length !== size) throw new Error(`${name}: expected ${size} bytes, read ${data.length}`);
  if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
  return data;
}

function decompress(name: string, method: number, raw: Buffer): Buffer {
  if (method === STORED) return Buffer.from(raw);
  if (method !== DEFLATED) throw new Error(`${name}: unsupported compression method ${method}`);
  try {
    return inflateRawSync(raw);
  } catch (err) {
    // zlib's message alone ("invalid code lengths set") does not say which file is damaged.
    throw new Error(`${name}: cannot inflate (${(err as Error).message})`);
  }
}
