/**
 * @file Frames as pixels (Node only): rasterises each frame's SVG with resvg, through `raster.ts`, loaded lazily.
 * Layered frames rasterise the static layer once (again only when it changes) and each frame's animated layer
 * alone, then composite the two in JS — a few milliseconds instead of redrawing a whole contour plot every frame.
 */
import { svgFrames, type FrameJob } from './anim-frames.js';

/** One rendered frame: straight (non-premultiplied) RGBA, row-major. */
export interface RasterFrame { index: number; rgba: Uint8Array; width: number; height: number }

type Rasterise = (svg: string) => Promise<{ data: Uint8Array; width: number; height: number }>;

let premultipliedProbe: Promise<boolean> | null = null;

/**
 * Whether the rasteriser returns premultiplied alpha. resvg's pixmap is premultiplied; rather than assume what
 * `svgToRGBA` hands back, ask it once: a 50 % opaque rgb(200,100,50) comes back as ~(100,50,25) if premultiplied.
 */
function isPremultiplied(rasterise: Rasterise): Promise<boolean> {
  premultipliedProbe ??= rasterise('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2">' +
    '<rect width="2" height="2" fill="rgb(200,100,50)" fill-opacity="0.5"/></svg>').then((r) => r.data[0] < 150);
  return premultipliedProbe;
}

/**
 * Run the animation and yield every frame as RGBA pixels (a fresh array per frame: consumers may keep it).
 * @example for await (const f of rasterFrames(job)) gif.addFrame(f.rgba, 20);
 */
export async function* rasterFrames(job: FrameJob): AsyncGenerator<RasterFrame, void, undefined> {
  const { svgToRGBA } = await import('./raster.js');
  const premultiplied = await isPremultiplied(svgToRGBA);
  let base: { data: Uint8Array; width: number; height: number } | null = null;
  let size: { width: number; height: number } | null = null;
  const checkSize = (r: { width: number; height: number }) => {
    size ??= { width: r.width, height: r.height };
    if (r.width !== size.width || r.height !== size.height) {
      throw new Error(`FuncAnimation: frame size changed from ${size.width}×${size.height} to ${r.width}×${r.height} ` +
        '(the figure must keep its size while animating)');
    }
  };
  for (const f of svgFrames(job)) {
    let out: Uint8Array;
    if (f.kind === 'full') {
      const r = await svgToRGBA(f.svg);
      checkSize(r);
      out = r.data;
    } else {
      if (f.staticChanged || base === null) {
        base = await svgToRGBA(f.staticSvg);
        checkSize(base);
      }
      if (f.animatedSvg === null) {
        out = base.data.slice();
      } else {
        const top = await svgToRGBA(f.animatedSvg);
        checkSize(top);
        out = premultiplied ? overPremultiplied(top.data, base.data) : overStraight(top.data, base.data);
      }
    }
    if (premultiplied) unpremultiply(out);
    yield { index: f.index, rgba: out, width: size!.width, height: size!.height };
  }
}

/** Source-over for premultiplied pixels: out = top + base·(1 − αtop). Most of the top layer is empty. */
export function overPremultiplied(top: Uint8Array, base: Uint8Array): Uint8Array {
  const out = base.slice();
  for (let i = 3; i < top.length; i += 4) {
    const a = top[i];
    if (a === 0) continue;
    if (a === 255) { out[i - 3] = top[i - 3]; out[i - 2] = top[i - 2]; out[i - 1] = top[i - 1]; out[i] = 255; continue; }
    const k = (255 - a) / 255;
    out[i - 3] = Math.round(top[i - 3] + base[i - 3] * k);
    out[i - 2] = Math.round(top[i - 2] + base[i - 2] * k);
    out[i - 1] = Math.round(top[i - 1] + base[i - 1] * k);
    out[i] = Math.round(a + base[i] * k);
  }
  return out;
}

/** Source-over for straight-alpha pixels. */
export function overStraight(top: Uint8Array, base: Uint8Array): Uint8Array {
  const out = base.slice();
  for (let i = 3; i < top.length; i += 4) {
    const a = top[i] / 255;
    if (a === 0) continue;
    const b = (base[i] / 255) * (1 - a), oa = a + b;
    for (let c = 3; c >= 1; c--) out[i - c] = Math.round((top[i - c] * a + base[i - c] * b) / oa);
    out[i] = Math.round(oa * 255);
  }
  return out;
}

/** In place: premultiplied → straight alpha (opaque pixels, the usual case, are left alone). */
function unpremultiply(px: Uint8Array): void {
  for (let i = 3; i < px.length; i += 4) {
    const a = px[i];
    if (a === 255 || a === 0) continue;
    for (let c = 3; c >= 1; c--) px[i - c] = Math.min(255, Math.round((px[i - c] * 255) / a));
  }
}
