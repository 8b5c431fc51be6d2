#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 128x128): an envelope on a blue tile with a
// green check mark, i.e. "mail server configuration, checked". Plain geometry rendered with
// 4x4 supersampling and written as a PNG with node:zlib, so no image tools are needed.
// Usage: node scripts/make-icon.mjs [--check]   (--check: exit 1 when the file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const OUT = new URL('../images/icon.png', import.meta.url);

/** Distance from p to the segment a-b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Signed distance to a rounded rectangle centred at (cx, cy). */
function roundedRect(px, py, { cx, cy, w, h, r }) {
  const qx = Math.abs(px - cx) - w / 2 + r, qy = Math.abs(py - cy) - h / 2 + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const TILE = { cx: 64, cy: 64, w: 124, h: 124, r: 22 };
const ENVELOPE = { cx: 58, cy: 58, w: 84, h: 58, r: 6 };
const BADGE = { x: 94, y: 92, r: 24 };

/** The colour (RGBA, 0..255) at one sample point; later layers paint over earlier ones. */
function sample(x, y) {
  let c = [0, 0, 0, 0];
  const paint = (rgb, inside) => { if (inside) c = [...rgb, 255]; };
  paint([31, 78, 121], roundedRect(x, y, TILE) <= 0);
  const env = roundedRect(x, y, ENVELOPE);
  paint([255, 255, 255], env <= 0);
  const left = ENVELOPE.cx - ENVELOPE.w / 2, top = ENVELOPE.cy - ENVELOPE.h / 2;
  const flap = Math.min(
    segment(x, y, left + 4, top + 4, ENVELOPE.cx, ENVELOPE.cy + 6),
    segment(x, y, ENVELOPE.cx, ENVELOPE.cy + 6, left + ENVELOPE.w - 4, top + 4),
  );
  paint([31, 78, 121], env <= 0 && flap <= 3.2);
  const badge = Math.hypot(x - BADGE.x, y - BADGE.y);
  paint([31, 78, 121], badge <= BADGE.r + 4);
  paint([46, 160, 67], badge <= BADGE.r);
  const tick = Math.min(segment(x, y, 82, 93, 91, 102), segment(x, y, 91, 102, 107, 83));
  paint([255, 255, 255], badge <= BADGE.r && tick <= 3.6);
  return c;
}

function render() {
  const N = 4;
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < N; sy++) for (let sx = 0; sx < N; sx++) {
        const [r, g, b, a] = sample(x + (sx + 0.5) / N, y + (sy + 0.5) / N);
        sum[0] += r * a; sum[1] += g * a; sum[2] += b * a; sum[3] += a;
      }
      const a = sum[3] / (N * N);
      const px = sum[3] ? [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], a] : [0, 0, 0, 0];
      px.forEach((v, i) => (row[1 + x * 4 + i] = Math.round(v)));
    }
    rows.push(row);
  }
  return png(SIZE, SIZE, Buffer.concat(rows));
}

function png(width, height, raw) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) { c ^= byte; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}

const image = render();
if (process.argv.includes('--check')) {
  let current;
  try { current = readFileSync(OUT); } catch { current = Buffer.alloc(0); }
  if (!current.equals(image)) { console.error('images/icon.png differs from scripts/make-icon.mjs; run: node scripts/make-icon.mjs'); process.exit(1); }
} else {
  writeFileSync(OUT, image);
  console.log(`wrote images/icon.png (${image.length} bytes)`);
}
