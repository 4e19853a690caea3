// The app icon, drawn from one description: three bars of falling length (a ranking) on a
// rounded square. It renders as SVG (favicon, manifest "any" icon) and as PNG (192, 512, and a
// full-bleed maskable 512) with a tiny PNG encoder, so no binary file is kept in the repository
// and the two formats cannot drift apart.
import { deflateSync } from 'node:zlib';

interface Shape { x: number; y: number; w: number; h: number; r: number; color: string; opacity: number }

const VIEW = 32;
const BACKGROUND = '#1f4e8c';
const BARS: Shape[] = [
  { x: 6, y: 7, w: 20, h: 4, r: 2, color: '#ffffff', opacity: 1 },
  { x: 6, y: 14, w: 14, h: 4, r: 2, color: '#ffffff', opacity: 0.8 },
  { x: 6, y: 21, w: 8, h: 4, r: 2, color: '#ffffff', opacity: 0.6 },
];
export const THEME_COLOR = BACKGROUND;

/** The icon as SVG (32×32 view box). */
export function iconSvg(): string {
  const rect = (s: Shape): string =>
    `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.color}"${s.opacity < 1 ? ` opacity="${s.opacity}"` : ''}/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW} ${VIEW}"><rect width="${VIEW}" height="${VIEW}" rx="6" fill="${BACKGROUND}"/>${BARS.map(rect).join('')}</svg>\n`;
}

function hex(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Whether (px, py) lies inside the rounded rectangle. */
function inside(s: Shape, px: number, py: number): boolean {
  if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r ** 2;
}

/**
 * RGBA pixels of the icon at `size`×`size`, 4×4 supersampled. `maskable`: the background fills
 * the whole square and the bars shrink into the 80% safe zone that platforms may crop to.
 */
function rasterize(size: number, maskable: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const background: Shape = maskable
    ? { x: 0, y: 0, w: VIEW, h: VIEW, r: 0, color: BACKGROUND, opacity: 1 }
    : { x: 0, y: 0, w: VIEW, h: VIEW, r: 6, color: BACKGROUND, opacity: 1 };
  const scale = maskable ? 0.8 : 1;
  const offset = (VIEW * (1 - scale)) / 2;
  const bars = BARS.map((b) => ({ ...b, x: b.x * scale + offset, y: b.y * scale + offset, w: b.w * scale, h: b.h * scale, r: b.r * scale }));
  const samples = 4;
  const [br, bg, bb] = hex(BACKGROUND);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = ((x + (sx + 0.5) / samples) / size) * VIEW;
          const py = ((y + (sy + 0.5) / samples) / size) * VIEW;
          if (!inside(background, px, py)) continue;
          let [cr, cg, cb] = [br, bg, bb];
          for (const bar of bars) {
            if (!inside(bar, px, py)) continue;
            const [fr, fg, fb] = hex(bar.color);
            cr = cr * (1 - bar.opacity) + fr * bar.opacity;
            cg = cg * (1 - bar.opacity) + fg * bar.opacity;
            cb = cb * (1 - bar.opacity) + fb * bar.opacity;
          }
          r += cr; g += cg; b += cb; a += 1;
        }
      }
      const i = (y * size + x) * 4;
      // Colour averaged over the covered samples (straight alpha), coverage as alpha.
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The icon as a PNG (8-bit RGBA). */
export function iconPng(size: number, options: { maskable?: boolean } = {}): Buffer {
  const pixels = rasterize(size, options.maskable ?? false);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Every generated icon file, by path under the site root. */
export function iconFiles(): Record<string, { body: string | Buffer; type: string }> {
  return {
    'favicon.svg': { body: iconSvg(), type: 'image/svg+xml' },
    'icons/icon-192.png': { body: iconPng(192), type: 'image/png' },
    'icons/icon-512.png': { body: iconPng(512), type: 'image/png' },
    'icons/maskable-512.png': { body: iconPng(512, { maskable: true }), type: 'image/png' },
    'icons/apple-touch-icon.png': { body: iconPng(180, { maskable: true }), type: 'image/png' },
  };
}
