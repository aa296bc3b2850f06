/**
 * @file Animated GIF writer on top of gifenc (quantizer + LZW coder).
 *
 * gifenc writes every frame full-size at (0, 0); animations of a plot change only a few pixels per frame, so this
 * writer emits its own frame headers: each frame after the first covers only the rectangle that changed since the
 * previous frame, pixels inside it that did not change are transparent (disposal "do not dispose" keeps the previous
 * frame underneath). The palette is global: quantized from the first frame with slots kept free, later frames whose
 * new colours the palette represents badly add colours to the free slots; only when those run out does a frame get
 * its own local palette. The header (with the final global palette) is assembled in `finish()`.
 */
import * as gifencNs from 'gifenc';
import type { Palette } from 'gifenc';

// gifenc ships CJS as `main` and ESM as `module`: Node's ESM loader exposes the CJS exports only under `default`,
// bundlers expose them as named exports. Accept either shape.
const gifenc: typeof gifencNs.default =
  typeof (gifencNs as { quantize?: unknown }).quantize === 'function' ? gifencNs : gifencNs.default;

/** Palette index reserved for "transparent" in every colour table (global and local). */
const TRANSPARENT = 255;
/** Colours quantized from the first frame; the rest of the 255 usable slots stay free for colours that appear later. */
const FIRST_FRAME_COLORS = 223;
/** Squared RGB distance above which a pixel counts as badly represented by the palette (≈16 per channel). */
const BAD_DISTANCE2 = 3 * 16 * 16;
/** GIF delays below 2/100 s are replaced by 1/10 s in browsers, so never write less than 2. */
const MIN_DELAY_CS = 2;

/** Options of {@link GifWriter}. */
export interface GifWriterOptions {
  /** `true` (default): loop forever; `false`: play once; a number n ≥ 1: play n + 1 times (NETSCAPE loop count). */
  loop?: boolean | number;
}

/** What the writer did, for diagnostics and tests. */
export interface GifStats {
  frames: number;
  /** Colours in the global palette (≤ 255; index 255 is the transparent slot). */
  globalColors: number;
  /** Frames that needed their own palette because the global one was full. */
  localPalettes: number;
  /** Frames identical to their predecessor (written as a 1×1 transparent frame that only carries the delay). */
  unchangedFrames: number;
}

/**
 * Streaming animated-GIF encoder: add RGBA frames one by one, then `finish()` returns the file bytes.
 * Pixels with alpha < 255 are composited over white (GIF has only 1-bit transparency).
 * @example
 * const gif = new GifWriter(64, 48);
 * for (const rgba of frames) gif.addFrame(rgba, 20);   // 20 ms per frame
 * await fs.writeFile('anim.gif', gif.finish());
 */
export class GifWriter {
  readonly width: number;
  readonly height: number;
  private readonly loop: number | null;
  private palette: Palette = [];
  private readonly chunks: Uint8Array[] = [];
  private prev: Uint32Array | null = null;
  private readonly lzw = gifenc.GIFEncoder({ auto: false, initialCapacity: 1 << 16 });
  private elapsedMs = 0;
  private elapsedCs = 0;
  private done = false;
  private readonly counts = { frames: 0, localPalettes: 0, unchangedFrames: 0 };

  constructor(width: number, height: number, opts: GifWriterOptions = {}) {
    for (const [name, v] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (!Number.isInteger(v) || v < 1 || v > 65535) {
        throw new Error(`GifWriter: ${name} must be an integer in [1, 65535] (got ${v})`);
      }
    }
    const loop = opts.loop ?? true;
    if (typeof loop === 'number' && (!Number.isInteger(loop) || loop < 0 || loop > 65535)) {
      throw new Error(
        `GifWriter: opts.loop must be true, false or an integer repeat count in [0, 65535] (got ${loop})`,
      );
    }
    this.width = width;
    this.height = height;
    this.loop = loop === true ? 0 : loop === false ? null : loop;
  }

  /** Statistics so far. @example new GifWriter(2, 2).stats.frames // 0 */
  get stats(): GifStats {
    return { ...this.counts, globalColors: this.palette.length };
  }

  /**
   * Append one frame shown for `delayMs` milliseconds (GIF stores hundredths; rounding error is carried over to
   * the next frame so the total duration stays right; at least 20 ms per frame).
   * @example gif.addFrame(new Uint8Array(64 * 48 * 4).fill(255), 100)
   */
  addFrame(rgba: Uint8Array | Uint8ClampedArray, delayMs: number): void {
    if (this.done) throw new Error('GifWriter.addFrame: the writer is finished; create a new GifWriter');
    const n = this.width * this.height;
    if (!(rgba instanceof Uint8Array || rgba instanceof Uint8ClampedArray) || rgba.length !== n * 4) {
      throw new Error(
        `GifWriter.addFrame: rgba must be a Uint8Array of width*height*4 = ${n * 4} bytes ` +
          `(${this.width}×${this.height}), got ${describe(rgba)}`,
      );
    }
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new Error(`GifWriter.addFrame: delayMs must be a finite number ≥ 0 (got ${delayMs})`);
    }
    const px = flattenOverWhite(rgba);
    const delayCs = this.nextDelay(delayMs);
    if (this.prev === null) this.writeFirst(px, delayCs);
    else this.writeDiff(px, this.prev, delayCs);
    this.prev = px;
    this.counts.frames++;
  }

  /**
   * Close the stream and return the complete GIF file.
   * @example const bytes = gif.finish(); // Uint8Array starting with "GIF89a"
   */
  finish(): Uint8Array {
    if (this.done) throw new Error('GifWriter.finish: already finished');
    if (this.counts.frames === 0) throw new Error('GifWriter.finish: no frames were added (call addFrame first)');
    this.done = true;
    const head: number[] = [...ascii('GIF89a')];
    // Logical screen: global colour table present, 8-bit colour resolution, 256 entries.
    head.push(...u16(this.width), ...u16(this.height), 0xf7, 0, 0);
    head.push(...colorTable(this.palette));
    if (this.loop !== null) head.push(0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, ...u16(this.loop), 0);
    const parts = [Uint8Array.from(head), ...this.chunks, Uint8Array.of(0x3b)];
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    this.chunks.length = 0;
    return out;
  }

  private nextDelay(delayMs: number): number {
    this.elapsedMs += delayMs;
    const cs = Math.max(MIN_DELAY_CS, Math.round(this.elapsedMs / 10) - this.elapsedCs);
    this.elapsedCs += cs;
    return cs;
  }

  private writeFirst(px: Uint32Array, delayCs: number): void {
    const bytes = new Uint8Array(px.buffer);
    this.palette = gifenc.quantize(bytes, FIRST_FRAME_COLORS);
    const index = gifenc.applyPalette(bytes, this.palette);
    this.emit(index, { x: 0, y: 0, w: this.width, h: this.height }, delayCs, false, null);
  }

  private writeDiff(px: Uint32Array, prev: Uint32Array, delayCs: number): void {
    const r = diffRect(prev, px, this.width, this.height);
    if (r === null) {
      this.counts.unchangedFrames++;
      this.emit(Uint8Array.of(TRANSPARENT), { x: 0, y: 0, w: 1, h: 1 }, delayCs, true, null);
      return;
    }
    const sub = new Uint32Array(r.w * r.h);
    const changed = new Uint8Array(r.w * r.h);
    for (let y = 0; y < r.h; y++) {
      const row = (r.y + y) * this.width + r.x;
      for (let x = 0; x < r.w; x++) {
        const v = px[row + x];
        sub[y * r.w + x] = v;
        changed[y * r.w + x] = v !== prev[row + x] ? 1 : 0;
      }
    }
    const subBytes = new Uint8Array(sub.buffer);
    let palette = this.palette;
    let index = gifenc.applyPalette(subBytes, palette);
    let local: Palette | null = null;
    let bad = badPixels(sub, changed, index, palette);
    const free = TRANSPARENT - palette.length;
    if (bad.length > 0 && free > 0) {
      // New colours (e.g. the animated line's and its antialiasing) join the global palette while slots are free.
      const extra = gifenc.quantize(new Uint8Array(Uint32Array.from(bad).buffer), Math.min(free, 32));
      palette = this.palette = [...palette, ...extra].slice(0, TRANSPARENT);
      index = gifenc.applyPalette(subBytes, palette);
      bad = badPixels(sub, changed, index, palette);
    }
    if (isTooMany(bad.length, changed)) {
      const fresh: number[] = [];
      for (let i = 0; i < sub.length; i++) if (changed[i]) fresh.push(sub[i]);
      local = gifenc.quantize(new Uint8Array(Uint32Array.from(fresh).buffer), TRANSPARENT);
      index = gifenc.applyPalette(subBytes, local);
      this.counts.localPalettes++;
    }
    for (let i = 0; i < index.length; i++) if (!changed[i]) index[i] = TRANSPARENT;
    this.emit(index, r, delayCs, true, local);
  }

  /** Graphic control extension + image descriptor (with the real offset) + optional local table + LZW data. */
  private emit(
    index: Uint8Array,
    r: { x: number; y: number; w: number; h: number },
    delayCs: number,
    transparent: boolean,
    local: Palette | null,
  ): void {
    this.lzw.reset();
    this.lzw.writeFrame(index, r.w, r.h, { first: false, palette: null, colorDepth: 8 });
    const raw = this.lzw.bytesView();
    // gifenc prefixes its own 8-byte GCE and 10-byte descriptor at (0, 0); keep only the LZW data after them.
    if (raw[0] !== 0x21 || raw[1] !== 0xf9 || raw[8] !== 0x2c) {
      throw new Error('GifWriter: unexpected gifenc frame layout (gifenc version mismatch?)');
    }
    const lzwData = raw.slice(18);
    // Disposal 1 ("do not dispose"): the next frame draws over this one, so transparent pixels show it.
    const gce = [0x21, 0xf9, 4, (1 << 2) | (transparent ? 1 : 0), ...u16(delayCs), TRANSPARENT, 0];
    const desc = [0x2c, ...u16(r.x), ...u16(r.y), ...u16(r.w), ...u16(r.h), local ? 0x87 : 0];
    const head = Uint8Array.from(local ? [...gce, ...desc, ...colorTable(local)] : [...gce, ...desc]);
    this.chunks.push(head, lzwData);
  }
}

/**
 * Encode a whole sequence of RGBA frames as a looping GIF.
 * @example const bytes = encodeGif([frameA, frameB], 64, 48, { delayMs: 100 });
 */
export function encodeGif(
  frames: Iterable<Uint8Array | Uint8ClampedArray>,
  width: number,
  height: number,
  opts: GifWriterOptions & { delayMs?: number } = {},
): Uint8Array {
  const w = new GifWriter(width, height, opts);
  for (const f of frames) w.addFrame(f, opts.delayMs ?? 100);
  return w.finish();
}

/** Opaque copy as packed ABGR words (little-endian RGBA); partially transparent pixels are blended over white. */
function flattenOverWhite(rgba: Uint8Array | Uint8ClampedArray): Uint32Array {
  const out = new Uint8Array(rgba.length);
  out.set(rgba);
  for (let i = 3; i < out.length; i += 4) {
    const a = out[i];
    if (a === 255) continue;
    const k = 255 - a;
    out[i - 3] = Math.round((out[i - 3] * a + 255 * k) / 255);
    out[i - 2] = Math.round((out[i - 2] * a + 255 * k) / 255);
    out[i - 1] = Math.round((out[i - 1] * a + 255 * k) / 255);
    out[i] = 255;
  }
  return new Uint32Array(out.buffer);
}

/** Bounding box of the pixels that differ, or null when the frames are identical. */
function diffRect(a: Uint32Array, b: Uint32Array, width: number, height: number) {
  let x0 = width,
    x1 = -1,
    y0 = height,
    y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1,
      last = -1;
    for (let x = 0; x < width; x++)
      if (a[row + x] !== b[row + x]) {
        first = x;
        break;
      }
    if (first < 0) continue;
    for (let x = width - 1; x >= first; x--)
      if (a[row + x] !== b[row + x]) {
        last = x;
        break;
      }
    if (y < y0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return y1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Changed pixels (as packed colours) whose palette colour is far from the real one. */
function badPixels(sub: Uint32Array, changed: Uint8Array, index: Uint8Array, palette: Palette): number[] {
  const bad: number[] = [];
  for (let i = 0; i < sub.length; i++) {
    if (!changed[i]) continue;
    const v = sub[i],
      p = palette[index[i]];
    const dr = (v & 0xff) - p[0],
      dg = ((v >>> 8) & 0xff) - p[1],
      db = ((v >>> 16) & 0xff) - p[2];
    if (dr * dr + dg * dg + db * db > BAD_DISTANCE2) bad.push(v);
  }
  return bad;
}

/** A handful of off-colour antialiasing pixels is fine; more than 1% of the changed ones is visible. */
function isTooMany(bad: number, changed: Uint8Array): boolean {
  if (bad < 8) return false;
  let n = 0;
  for (let i = 0; i < changed.length; i++) n += changed[i];
  return bad > n * 0.01;
}

/** A 256-entry colour table (unused entries black; entry 255 is the transparent slot). */
function colorTable(palette: Palette): number[] {
  const t = new Array<number>(768).fill(0);
  for (let i = 0; i < Math.min(palette.length, TRANSPARENT); i++) {
    t[i * 3] = palette[i][0];
    t[i * 3 + 1] = palette[i][1];
    t[i * 3 + 2] = palette[i][2];
  }
  return t;
}

function u16(v: number): [number, number] {
  return [v & 0xff, (v >> 8) & 0xff];
}
function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}
function describe(v: unknown): string {
  if (v && typeof v === 'object' && 'length' in v)
    return `${v.constructor.name} of length ${(v as ArrayLike<unknown>).length}`;
  return typeof v;
}
