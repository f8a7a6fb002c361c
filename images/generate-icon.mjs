#!/usr/bin/env node
// Draws images/icon.png (128×128): a shield holding three stacked layers, Bitcoin orange on a
// dark tile. Node built-ins only (zlib for the PNG stream), so the icon can be regenerated anywhere.
// Usage: node images/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges

const BACKGROUND = [27, 34, 48];
const ORANGE = [247, 147, 26];
const PALE = [255, 214, 160];

/** The shield outline as a polygon: flat top with rounded shoulders, curved sides meeting in a point. */
function shieldPolygon(inset) {
  const points = [];
  const top = 16 + inset;
  const left = 26 + inset;
  const right = 102 - inset;
  const shoulder = 58;
  const tip = 114 - inset * 1.4;
  points.push([64, top - 4 + inset * 0.2]);
  points.push([right, top + 8]);
  points.push([right, shoulder]);
  // Right side: quadratic curve from the shoulder to the tip.
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    const cx = right, cy = 92 - inset * 0.3;
    points.push([(1 - t) ** 2 * right + 2 * (1 - t) * t * cx + t * t * 64, (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * cy + t * t * tip]);
  }
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    const cx = left, cy = 92 - inset * 0.3;
    points.push([(1 - t) ** 2 * 64 + 2 * (1 - t) * t * cx + t * t * left, (1 - t) ** 2 * tip + 2 * (1 - t) * t * cy + t * t * shoulder]);
  }
  points.push([left, top + 8]);
  return points;
}

function inside(polygon, x, y) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

const outer = shieldPolygon(0);
const inner = shieldPolygon(7);
// Three layers: the top one (Bitcoin, L1) full orange, the two above it paler.
const bars = [
  { top: 36, bottom: 48, color: PALE },
  { top: 54, bottom: 66, color: PALE },
  { top: 72, bottom: 84, color: ORANGE },
];

/** Colour (with alpha) of one sample point. */
function sample(x, y) {
  if (!roundedRect(x, y, 0, 0, SIZE, SIZE, 22)) return [0, 0, 0, 0];
  if (!inside(outer, x, y)) return [...BACKGROUND, 255];
  if (!inside(inner, x, y)) return [...ORANGE, 255];
  for (const bar of bars) {
    if (roundedRect(x, y, 38, bar.top, 90, bar.bottom, 4) && inside(shieldPolygon(12), x, y)) return [...bar.color, 255];
  }
  return [...BACKGROUND, 255];
}

function render() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None) + RGBA
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round(a / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./icon.png', import.meta.url));
  writeFileSync(out, iconPng());
  console.log(`wrote ${out}`);
}
