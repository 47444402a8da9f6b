// Draws the toolbar/store icons (a green stopwatch face) as PNGs, so the repo
// needs no image tools. Run once when the design changes: npx tsx scripts/make-icons.ts
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** distance from point p to segment a–b */
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function stopwatch(size: number) {
  const c = size / 2;
  const r = size * 0.44;
  const hand = Math.max(1, size * 0.08);
  return (x: number, y: number): [number, number, number, number] => {
    // 4×4 supersampling for smooth edges at 16 px
    let green = 0;
    let white = 0;
    for (let sy = 0; sy < 4; sy++)
      for (let sx = 0; sx < 4; sx++) {
        const px = x + (sx + 0.5) / 4;
        const py = y + (sy + 0.5) / 4;
        const inFace = Math.hypot(px - c, py - c) <= r;
        if (!inFace) continue;
        const onHand =
          segment(px, py, c, c, c, c - r * 0.62) <= hand / 2 ||
          segment(px, py, c, c, c + r * 0.45, c + r * 0.2) <= hand / 2;
        if (onHand) white++;
        else green++;
      }
    const a = (green + white) / 16;
    if (a === 0) return [0, 0, 0, 0];
    const w = white / (green + white);
    return [
      Math.round(37 + (255 - 37) * w),
      Math.round(160 + (255 - 160) * w),
      Math.round(80 + (255 - 80) * w),
      Math.round(a * 255),
    ];
  };
}

const dir = new URL('../extension/icons/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`${dir}icon-${size}.png`, png(size, stopwatch(size)));
console.log(`icons written to ${dir}`);
