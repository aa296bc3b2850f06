/**
 * @file Browser-safe RGBA → PNG data URI with stored (uncompressed) deflate blocks: no zlib needed, so images
 * (imshow) embed the same way in Node, Deno and the browser. Sizes stay modest for plot-sized grids.
 */

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib stream of stored blocks (≤ 65535 bytes each) with the Adler-32 trailer. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const nBlocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + nBlocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < nBlocks; b++) {
    const start = b * 65535,
      len = Math.min(65535, raw.length - start);
    out[o++] = b === nBlocks - 1 ? 1 : 0;
    out[o++] = len & 0xff;
    out[o++] = len >>> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  let a = 1,
    c = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521;
    c = (c + a) % 65521;
  }
  const adler = ((c << 16) | a) >>> 0;
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out;
}

/**
 * Encode RGBA pixels (row-major, top row first) as PNG bytes.
 * @example encodePng(new Uint8Array([255, 0, 0, 255]), 1, 1) // a 1×1 red PNG
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new Error(`encodePng: expected ${width * height * 4} bytes for ${width}x${height} RGBA, got ${rgba.length}`);
  }
  const raw = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  const idat = zlibStored(raw);
  const parts: [string, Uint8Array][] = [
    ['IHDR', new Uint8Array(13)],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const ihdr = new DataView(parts[0][1].buffer);
  ihdr.setUint32(0, width);
  ihdr.setUint32(4, height);
  parts[0][1].set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const total = 8 + parts.reduce((s, [, d]) => s + 12 + d.length, 0);
  const png = new Uint8Array(total);
  png.set([137, 80, 78, 71, 13, 10, 26, 10]);
  const dv = new DataView(png.buffer);
  let o = 8;
  for (const [type, data] of parts) {
    dv.setUint32(o, data.length);
    for (let i = 0; i < 4; i++) png[o + 4 + i] = type.charCodeAt(i);
    png.set(data, o + 8);
    dv.setUint32(o + 8 + data.length, crc32(png, o + 4, o + 8 + data.length));
    o += 12 + data.length;
  }
  return png;
}

/**
 * base64 of bytes (btoa exists in browsers, Deno and Node ≥ 16).
 * @example toBase64(new Uint8Array([104, 105])) // 'aGk='
 */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
