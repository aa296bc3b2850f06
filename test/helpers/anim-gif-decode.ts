/**
 * @file A small, strict GIF decoder: parses every block, LZW-decodes every frame and composites the frames the way
 * a browser shows them (transparency, offsets, disposal methods). Used to verify the GIF writer byte for byte
 * and to pull single frames out of an animation for viewing.
 */

/** One decoded frame. `rgba` is the whole canvas as displayed after this frame was drawn. */
export interface DecodedGifFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  delayMs: number;
  disposal: number;
  transparentIndex: number | null;
  localPalette: boolean;
  rgba: Uint8Array;
}

/** A decoded GIF: `loopCount` is null when there is no NETSCAPE block (the animation plays once). */
export interface DecodedGif {
  width: number;
  height: number;
  loopCount: number | null;
  frames: DecodedGifFrame[];
}

/**
 * Decode a GIF file completely; malformed input throws an Error saying what and where.
 * @example const gif = decodeGif(await fs.readFile('anim.gif')); gif.frames.length // 120
 */
export function decodeGif(bytes: Uint8Array): DecodedGif {
  let p = 0;
  const need = (n: number, what: string) => {
    if (p + n > bytes.length) throw new Error(`decodeGif: truncated file while reading ${what} at byte ${p}`);
  };
  const u8 = () => bytes[p++];
  const u16 = () => {
    const v = bytes[p] | (bytes[p + 1] << 8);
    p += 2;
    return v;
  };
  const table = (size: number) => {
    need(size * 3, 'a colour table');
    const t = bytes.slice(p, p + size * 3);
    p += size * 3;
    return t;
  };
  const subBlocks = (what: string): Uint8Array => {
    const parts: Uint8Array[] = [];
    for (;;) {
      need(1, what);
      const n = u8();
      if (n === 0) break;
      need(n, what);
      parts.push(bytes.subarray(p, p + n));
      p += n;
    }
    const out = new Uint8Array(parts.reduce((s, b) => s + b.length, 0));
    let o = 0;
    for (const b of parts) {
      out.set(b, o);
      o += b.length;
    }
    return out;
  };

  need(13, 'the header');
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new Error(`decodeGif: not a GIF (signature "${sig}")`);
  p = 6;
  const width = u16(),
    height = u16(),
    flags = u8();
  p += 2;
  const global = flags & 0x80 ? table(1 << ((flags & 7) + 1)) : null;
  const canvas = new Uint8Array(width * height * 4);
  const frames: DecodedGifFrame[] = [];
  let loopCount: number | null = null;
  let gce = { disposal: 0, delayMs: 0, transparentIndex: null as number | null };

  for (;;) {
    need(1, 'a block');
    const block = u8();
    if (block === 0x3b) break;
    if (block === 0x21) {
      need(1, 'an extension label');
      const label = u8();
      const data = subBlocks('an extension');
      if (label === 0xf9) {
        if (data.length < 4) throw new Error('decodeGif: graphic control extension shorter than 4 bytes');
        gce = {
          disposal: (data[0] >> 2) & 7,
          delayMs: (data[1] | (data[2] << 8)) * 10,
          transparentIndex: data[0] & 1 ? data[3] : null,
        };
      } else if (label === 0xff && String.fromCharCode(...data.subarray(0, 11)) === 'NETSCAPE2.0') {
        loopCount = data[13] | (data[14] << 8);
      }
      continue;
    }
    if (block !== 0x2c) throw new Error(`decodeGif: unknown block 0x${block.toString(16)} at byte ${p - 1}`);
    need(9, 'an image descriptor');
    const x = u16(),
      y = u16(),
      w = u16(),
      h = u16(),
      f = u8();
    if (x + w > width || y + h > height) {
      throw new Error(
        `decodeGif: frame ${frames.length} (${w}×${h} at ${x},${y}) lies outside the ${width}×${height} canvas`,
      );
    }
    const local = f & 0x80 ? table(1 << ((f & 7) + 1)) : null;
    const colors = local ?? global;
    if (!colors) throw new Error(`decodeGif: frame ${frames.length} has no colour table`);
    need(1, 'the LZW code size');
    const minCode = u8();
    const indices = lzwDecode(subBlocks('image data'), minCode, w * h, frames.length);
    const rows = f & 0x40 ? interlacedRows(h) : null;
    const saved = gce.disposal === 3 ? canvas.slice() : null;
    for (let r = 0; r < h; r++) {
      const cy = y + (rows ? rows[r] : r);
      for (let c = 0; c < w; c++) {
        const k = indices[r * w + c];
        if (k === gce.transparentIndex) continue;
        if (k * 3 >= colors.length)
          throw new Error(`decodeGif: frame ${frames.length} uses colour ${k} beyond its table`);
        const o = (cy * width + x + c) * 4;
        canvas[o] = colors[k * 3];
        canvas[o + 1] = colors[k * 3 + 1];
        canvas[o + 2] = colors[k * 3 + 2];
        canvas[o + 3] = 255;
      }
    }
    frames.push({
      x,
      y,
      width: w,
      height: h,
      delayMs: gce.delayMs,
      disposal: gce.disposal,
      transparentIndex: gce.transparentIndex,
      localPalette: local !== null,
      rgba: canvas.slice(),
    });
    if (gce.disposal === 2) {
      for (let r = y; r < y + h; r++) canvas.fill(0, (r * width + x) * 4, (r * width + x + w) * 4);
    } else if (saved) canvas.set(saved);
    gce = { disposal: 0, delayMs: 0, transparentIndex: null };
  }
  return { width, height, loopCount, frames };
}

/** Variable-width LZW as GIF uses it (codes up to 12 bits, clear and end codes). */
function lzwDecode(data: Uint8Array, minCode: number, count: number, frame: number): Uint8Array {
  if (minCode < 2 || minCode > 8) throw new Error(`decodeGif: frame ${frame} has LZW code size ${minCode}`);
  const clear = 1 << minCode,
    end = clear + 1;
  const prefix = new Int32Array(4096),
    suffix = new Uint8Array(4096),
    first = new Uint8Array(4096);
  const stack = new Uint8Array(4097);
  for (let i = 0; i < clear; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
  }
  const out = new Uint8Array(count);
  let size = minCode + 1,
    next = end + 1,
    prev = -1,
    o = 0,
    bits = 0,
    acc = 0,
    p = 0;
  while (o < count) {
    while (bits < size) {
      if (p >= data.length) throw new Error(`decodeGif: frame ${frame} image data ends after ${o} of ${count} pixels`);
      acc |= data[p++] << bits;
      bits += 8;
    }
    const code = acc & ((1 << size) - 1);
    acc >>>= size;
    bits -= size;
    if (code === clear) {
      size = minCode + 1;
      next = end + 1;
      prev = -1;
      continue;
    }
    if (code === end) break;
    let c = code,
      sp = 0;
    if (code >= next) {
      if (code > next || prev < 0) throw new Error(`decodeGif: frame ${frame} has an invalid LZW code ${code}`);
      stack[sp++] = first[prev];
      c = prev;
    }
    while (c >= clear) {
      stack[sp++] = suffix[c];
      c = prefix[c];
    }
    stack[sp++] = c;
    const head = c;
    while (sp > 0 && o < count) out[o++] = stack[--sp];
    if (prev >= 0 && next < 4096) {
      prefix[next] = prev;
      suffix[next] = head;
      first[next] = first[prev];
      next++;
      if (next === 1 << size && size < 12) size++;
    }
    prev = code;
  }
  if (o < count) throw new Error(`decodeGif: frame ${frame} has ${o} of ${count} pixels`);
  return out;
}

/** Row order of an interlaced image: passes start at rows 0, 4, 2, 1 with steps 8, 8, 4, 2. */
function interlacedRows(h: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [
    [0, 8],
    [4, 8],
    [2, 4],
    [1, 2],
  ])
    for (let r = start; r < h; r += step) rows.push(r);
  return rows;
}
