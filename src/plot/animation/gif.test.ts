import { describe, expect, it } from 'vitest';
import * as gifencNs from 'gifenc';
import { GifWriter, encodeGif } from './gif.js';
import { decodeGif } from '../../../test/helpers/anim-gif-decode.js';

const gifenc: typeof gifencNs.default =
  typeof (gifencNs as { quantize?: unknown }).quantize === 'function' ? gifencNs : gifencNs.default;

/** A smooth two-colour background (many colours) with a solid square at (sx, sy). */
function scene(w: number, h: number, sx: number, sy: number, square: [number, number, number] = [220, 30, 30]) {
  const px = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const inSquare = x >= sx && x < sx + 6 && y >= sy && y < sy + 6;
      px.set(inSquare ? [...square, 255] : [40 + ((x * 3) % 180), 80 + (y % 64), 200 - ((x + y) % 90), 255], o);
    }
  }
  return px;
}

function maxDiff(a: Uint8Array, b: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** gifenc's own writer: every frame full-size, no transparency — the naive baseline. */
function naiveGif(frames: Uint8Array[], w: number, h: number): Uint8Array {
  const enc = gifenc.GIFEncoder();
  for (const f of frames) {
    const palette = gifenc.quantize(f, 256);
    enc.writeFrame(gifenc.applyPalette(f, palette), w, h, { palette, delay: 20 });
  }
  enc.finish();
  return enc.bytes();
}

describe('GifWriter', () => {
  const w = 96,
    h = 64;
  const frames = Array.from({ length: 12 }, (_, i) => scene(w, h, 5 + i * 6, 10 + i * 3));

  it('round-trips: frame count, delays, loop forever and pixels the decoder reconstructs', () => {
    const bytes = encodeGif(frames, w, h, { delayMs: 20 });
    const gif = decodeGif(bytes);
    expect([gif.width, gif.height, gif.loopCount]).toEqual([w, h, 0]);
    expect(gif.frames).toHaveLength(12);
    expect(gif.frames.map((f) => f.delayMs)).toEqual(Array(12).fill(20));
    for (let i = 0; i < 12; i++) expect(maxDiff(gif.frames[i].rgba, frames[i])).toBeLessThanOrEqual(24);
    // The moving square must be exactly where the source has it (its colour is far from every background colour).
    const f7 = gif.frames[7].rgba,
      o = ((10 + 7 * 3 + 2) * w + 5 + 7 * 6 + 2) * 4;
    expect(Math.abs(f7[o] - 220) + Math.abs(f7[o + 1] - 30) + Math.abs(f7[o + 2] - 30)).toBeLessThan(30);
  });

  it('writes only the changed rectangle after the first frame, with unchanged pixels transparent', () => {
    const gif = decodeGif(encodeGif(frames, w, h, { delayMs: 20 }));
    expect(gif.frames[0]).toMatchObject({ x: 0, y: 0, width: w, height: h, transparentIndex: null });
    const f3 = gif.frames[3];
    // The square moved from (17, 16) to (23, 19): the rectangle is the union of both 6×6 squares.
    expect(f3).toMatchObject({ x: 17, y: 16, width: 12, height: 9, transparentIndex: 255, disposal: 1 });
  });

  it('is much smaller than full frames on a detailed, mostly static picture', () => {
    const W = 240,
      H = 180;
    const big = Array.from({ length: 12 }, (_, i) => scene(W, H, 10 + i * 12, 20 + i * 9));
    const diff = encodeGif(big, W, H, { delayMs: 20 });
    const naive = naiveGif(big, W, H);
    expect(diff.length).toBeLessThan(naive.length / 5);
  });

  it('keeps the frame count when frames repeat (1×1 transparent frames carry the delay)', () => {
    const seq = [frames[0], frames[0], frames[1], frames[1]];
    const writer = new GifWriter(w, h);
    for (const f of seq) writer.addFrame(f, 50);
    const gif = decodeGif(writer.finish());
    expect(gif.frames.map((f) => [f.width, f.height, f.delayMs])).toEqual([
      [w, h, 50],
      [1, 1, 50],
      [12, 9, 50],
      [1, 1, 50],
    ]);
    expect(writer.stats.unchangedFrames).toBe(2);
    expect(maxDiff(gif.frames[3].rgba, frames[1])).toBeLessThanOrEqual(24);
  });

  it('adds colours that appear later to the global palette instead of mangling them', () => {
    const grey = (v: number) => {
      const p = new Uint8Array(w * h * 4);
      for (let i = 0; i < p.length; i += 4) p.set([v, v, v, 255], i);
      return p;
    };
    const first = grey(250);
    const second = grey(250);
    for (let y = 20; y < 30; y++) for (let x = 10; x < 40; x++) second.set([20, 90, 230, 255], (y * w + x) * 4);
    const writer = new GifWriter(w, h);
    writer.addFrame(first, 100);
    const before = writer.stats.globalColors;
    writer.addFrame(second, 100);
    const gif = decodeGif(writer.finish());
    expect(writer.stats.localPalettes).toBe(0);
    expect(writer.stats.globalColors).toBeGreaterThan(before);
    expect(maxDiff(gif.frames[1].rgba, second)).toBeLessThanOrEqual(8);
  });

  it('falls back to a local palette when the global one is full', () => {
    const rainbow = (shift: number) => {
      const p = new Uint8Array(w * h * 4);
      for (let i = 0; i < w * h; i++)
        p.set([(i * 7 + shift) % 256, (i * 13 + 2 * shift) % 256, (i * 29 + 3 * shift) % 256, 255], i * 4);
      return p;
    };
    const writer = new GifWriter(w, h);
    writer.addFrame(rainbow(0), 100);
    writer.addFrame(rainbow(101), 100);
    writer.addFrame(rainbow(57), 100);
    const gif = decodeGif(writer.finish());
    expect(writer.stats.localPalettes).toBeGreaterThan(0);
    expect(gif.frames.some((f) => f.localPalette)).toBe(true);
    expect(gif.frames).toHaveLength(3);
  });

  it('spreads rounding of delays so the total duration is right (30 fps)', () => {
    const writer = new GifWriter(w, h);
    for (let i = 0; i < 30; i++) writer.addFrame(frames[i % 12], 1000 / 30);
    const delays = decodeGif(writer.finish()).frames.map((f) => f.delayMs);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(new Set(delays)).toEqual(new Set([30, 40]));
  });

  it('plays once without a NETSCAPE block when loop is false, and blends translucent pixels over white', () => {
    const p = new Uint8Array(w * h * 4).fill(0); // fully transparent black → white
    const writer = new GifWriter(w, h, { loop: false });
    writer.addFrame(p, 10);
    const gif = decodeGif(writer.finish());
    expect(gif.loopCount).toBeNull();
    expect(gif.frames[0].delayMs).toBe(20); // GIF delays below 20 ms are clamped
    expect(Array.from(gif.frames[0].rgba.subarray(0, 4))).toEqual([255, 255, 255, 255]);
  });

  it('rejects bad input with messages naming the argument', () => {
    expect(() => new GifWriter(0, 10)).toThrow(/GifWriter: width must be an integer/);
    expect(() => new GifWriter(10, 10, { loop: -1 })).toThrow(/opts.loop/);
    const writer = new GifWriter(4, 4);
    expect(() => writer.finish()).toThrow(/no frames/);
    expect(() => writer.addFrame(new Uint8Array(10), 10)).toThrow(/64 bytes \(4×4\), got Uint8Array of length 10/);
    expect(() => writer.addFrame(new Uint8Array(64), -1)).toThrow(/delayMs must be a finite number/);
    writer.addFrame(new Uint8Array(64), 10);
    writer.finish();
    expect(() => writer.addFrame(new Uint8Array(64), 10)).toThrow(/finished/);
  });
});

describe('decodeGif', () => {
  it('reads an independently written GIF (gifenc full frames) exactly', () => {
    const w = 16,
      h = 8;
    const f = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) f.set([i % 2 ? 255 : 0, (i * 16) % 256, 0, 255], i * 4);
    const gif = decodeGif(naiveGif([f, f], w, h));
    expect(gif.frames).toHaveLength(2);
    expect(maxDiff(gif.frames[1].rgba, f)).toBe(0);
  });

  it('rejects non-GIF and truncated data', () => {
    expect(() => decodeGif(new TextEncoder().encode('PNG-not-a-gif'))).toThrow(/not a GIF/);
    const ok = encodeGif([new Uint8Array(64).fill(255)], 4, 4);
    expect(() => decodeGif(ok.subarray(0, ok.length - 6))).toThrow(/truncated|ends after/);
  });
});
