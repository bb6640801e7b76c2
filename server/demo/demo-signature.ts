import { crc32, deflateSync } from 'node:zlib';
import { SeededRandom } from './random.js';

/**
 * Signatures as a signature pad exports them: a PNG data URL of a dark stroke on a transparent
 * canvas. Each is a little different (a wavy hand-written line with a flourish), drawn from the
 * seeded random source.
 */

const WIDTH = 180;
const HEIGHT = 60;
const INK = [24, 32, 88] as const;

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A signature PNG as a data: URL. */
export function signatureDataUrl(random: SeededRandom): string {
  const stride = WIDTH * 4 + 1;
  const raw = Buffer.alloc(stride * HEIGHT);
  const plot = (x: number, y: number) => {
    for (let dy = 0; dy < 2; dy++) {
      const row = Math.round(y) + dy;
      if (x < 0 || x >= WIDTH || row < 0 || row >= HEIGHT) continue;
      const at = row * stride + 1 + x * 4;
      raw[at] = INK[0];
      raw[at + 1] = INK[1];
      raw[at + 2] = INK[2];
      raw[at + 3] = 255;
    }
  };
  // Two waves of different pace make a line that reads as handwriting; it rises a little to the right.
  const [a1, a2] = [6 + random.next() * 10, 3 + random.next() * 6];
  const [f1, f2] = [3 + random.next() * 4, 2 + random.next() * 3];
  const [p1, p2] = [random.next() * 6.3, random.next() * 6.3];
  const slope = -0.05 - random.next() * 0.1;
  const start = 8 + random.int(0, 12);
  const end = WIDTH - 10 - random.int(0, 30);
  const yAt = (x: number) => HEIGHT / 2 + a1 * Math.sin(x / f1 + p1) + a2 * Math.sin(x / (f2 * 4) + p2) + slope * (x - start);
  for (let x = start; x < end; x++) {
    // Fill between neighbouring points so steep parts stay joined.
    const [y0, y1] = [yAt(x), yAt(x + 1)];
    for (let y = Math.min(y0, y1); y <= Math.max(y0, y1); y += 1) plot(x, y);
    plot(x, y0);
  }
  // The underline flourish.
  const under = HEIGHT - 10 - random.int(0, 6);
  for (let x = start + 10; x < end - random.int(0, 40); x++) plot(x, under + Math.sin(x / 14) * 1.5);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

// A person signs much the same way every time: one signature each, drawn from their name.
const signatures = new Map<string, string>();

/** The signature of the named person (the same on every call and every load). */
export function signatureOf(name: string): string {
  let signature = signatures.get(name);
  if (!signature) {
    let seed = 0;
    for (const ch of name) seed = (Math.imul(seed, 31) + ch.codePointAt(0)!) >>> 0;
    signature = signatureDataUrl(new SeededRandom(seed));
    signatures.set(name, signature);
  }
  return signature;
}
