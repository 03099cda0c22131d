// Draws the app icon — a scope's ring and crosshair over two packet lanes — and writes it as
// PNGs with node's zlib: resources/icon.png (1024 px, from which electron-builder derives the
// macOS .icns and the Windows .ico) and resources/icons/NxN.png (the Linux set). Each size is
// drawn from the shapes, not scaled down, so small icons stay sharp. Run: node scripts/draw-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Signed distances in icon units (the icon spans -1…1); negative inside.
const roundedSquare = (x, y, half, radius) => {
  const qx = Math.abs(x) - half + radius;
  const qy = Math.abs(y) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
const ring = (x, y, radius, width) => Math.abs(Math.hypot(x, y) - radius) - width / 2;
const box = (x, y, cx, cy, hw, hh) => Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);

const BACK_TOP = [18, 52, 86];
const BACK_BOTTOM = [9, 24, 43];
const TEAL = [56, 214, 192];
const AMBER = [255, 184, 77];
const WHITE = [235, 245, 250];

function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const unit = 2 / size; // one pixel in icon units
  const cover = (distance) => Math.min(1, Math.max(0, 0.5 - distance / unit));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) / size) * 2 - 1;
      const y = ((py + 0.5) / size) * 2 - 1;
      const shape = cover(roundedSquare(x, y, 0.9, 0.2));
      if (shape === 0) continue;
      const t = (y + 1) / 2;
      let color = BACK_TOP.map((top, i) => top + (BACK_BOTTOM[i] - top) * t);
      const paint = (rgb, alpha) => (color = color.map((c, i) => c + (rgb[i] - c) * alpha));
      // Two lanes of packets, client above and broker below, as the timeline draws them.
      for (const [cx, cy, rgb] of [[-0.42, -0.2, TEAL], [-0.1, -0.2, TEAL], [0.42, -0.2, TEAL], [-0.26, 0.2, AMBER], [0.1, 0.2, AMBER], [0.36, 0.2, AMBER]]) {
        paint(rgb, 0.55 * cover(box(x, y, cx, cy, 0.07, 0.1)));
      }
      // The scope: a ring and its crosshair.
      paint(WHITE, cover(ring(x, y, 0.52, Math.max(0.09, 3 * unit))));
      paint(WHITE, cover(Math.min(box(x, y, 0, -0.62, Math.max(0.025, unit), 0.16), box(x, y, 0, 0.62, Math.max(0.025, unit), 0.16), box(x, y, -0.62, 0, 0.16, Math.max(0.025, unit)), box(x, y, 0.62, 0, 0.16, Math.max(0.025, unit)))));
      paint(TEAL, cover(Math.hypot(x, y) - Math.max(0.07, 1.5 * unit)));
      const at = (py * size + px) * 4;
      pixels[at] = Math.round(color[0]);
      pixels[at + 1] = Math.round(color[1]);
      pixels[at + 2] = Math.round(color[2]);
      pixels[at + 3] = Math.round(255 * shape);
    }
  }
  return png(size, pixels);
}

mkdirSync('resources/icons', { recursive: true });
writeFileSync('resources/icon.png', draw(1024));
for (const size of LINUX_SIZES) writeFileSync(`resources/icons/${size}x${size}.png`, draw(size));
console.log(`Wrote resources/icon.png and ${LINUX_SIZES.length} sizes in resources/icons/`);
