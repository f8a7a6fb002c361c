// Minimal reader for .vsix (zip) archives: enough to list and extract what vsce writes (stored or deflated
// entries, no zip64, no encryption), so the smoke test needs neither `unzip` nor an extra dependency.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** Entries of the archive: { name, size, compressedSize, method, read() }. */
export function readZip(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive (no end-of-central-directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL_SIG) throw new Error(`${file}: corrupt central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    entries.push({
      name, size, compressedSize, method,
      read() {
        if (buf.readUInt32LE(localOffset) !== LOCAL_SIG) throw new Error(`${file}: bad local header for ${name}`);
        const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
        const raw = buf.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(raw);
        if (method === 8) return inflateRawSync(raw);
        throw new Error(`${file}: ${name} uses unsupported compression method ${method}`);
      },
    });
  }
  return entries;
}

/** Extracts every entry below `dest`, refusing names that would escape it. */
export function extractZip(file, dest) {
  const entries = readZip(file);
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const target = normalize(join(dest, e.name));
    if (!target.startsWith(normalize(dest) + sep)) throw new Error(`${file}: entry ${e.name} escapes the destination`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.read());
  }
  return entries;
}
