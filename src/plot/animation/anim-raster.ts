/**
 * @file Frames as pixels (Node only): rasterises each frame's SVG with resvg, through `raster.ts`, loaded lazily.
 * Layered frames rasterise the static layer once (again only when it changes) and each frame's animated layer
 * alone, then composite the two in JS — a few milliseconds instead of redrawing a whole contour plot every frame.
 */
import { svgFramesAwaiting, type FrameJob } from './anim-frames.js';

/** One rendered frame: straight (non-premultiplied) RGBA, row-major. */
export interface RasterFrame {
  index: number;
  rgba: Uint8Array;
  width: number;
  height: number;
}

/**
 * Run the animation and yield every frame as RGBA pixels (a fresh array per frame: consumers may keep it).
 * @example for await (const f of rasterFrames(job)) gif.addFrame(f.rgba, 20);
 */
export async function* rasterFrames(job: FrameJob): AsyncGenerator<RasterFrame, void, undefined> {
  const { svgToRGBA } = await import('../export/raster.js');
  let base: { data: Uint8Array; width: number; height: number } | null = null;
  let size: { width: number; height: number } | null = null;
  const checkSize = (r: { width: number; height: number }) => {
    size ??= { width: r.width, height: r.height };
    if (r.width !== size.width || r.height !== size.height) {
      throw new Error(
        `FuncAnimation: frame size changed from ${size.width}×${size.height} to ${r.width}×${r.height} ` +
          '(the figure must keep its size while animating)',
      );
    }
  };
  for await (const f of svgFramesAwaiting(job)) {
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
        // svgToRGBA gives straight alpha, so the layers are composited with the straight-alpha "over".
        out = overStraight(top.data, base.data);
      }
    }
    yield { index: f.index, rgba: out, width: size!.width, height: size!.height };
  }
}

/**
 * Source-over for straight-alpha pixels (what svgToRGBA returns): out = top·αt + base·αb·(1 − αt), divided by the
 * result's alpha. Most of an animated layer is empty (α = 0) and skipped.
 * @example const frame = overStraight(animatedLayer.data, staticLayer.data);
 */
export function overStraight(top: Uint8Array, base: Uint8Array): Uint8Array {
  const out = base.slice();
  for (let i = 3; i < top.length; i += 4) {
    const a = top[i] / 255;
    if (a === 0) continue;
    const b = (base[i] / 255) * (1 - a),
      oa = a + b;
    for (let c = 3; c >= 1; c--) out[i - c] = Math.round((top[i - c] * a + base[i - c] * b) / oa);
    out[i] = Math.round(oa * 255);
  }
  return out;
}
