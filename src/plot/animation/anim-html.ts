/**
 * @file Animation → HTML player frames: the static layer's SVG as the background (stored again only when it
 * changes) and the animated layer's SVG as the overlay; whole frames (no layer split) become PNG data URLs
 * where a rasteriser is available (Node), else whole-frame SVG backgrounds.
 */
import { canonicalIds, svgFramesAwaiting, type FrameJob } from './anim-frames.js';
import { PlayerEncoder, type PlayerBackground } from './html-player.js';

/**
 * Run the animation and pack each frame into a player as it is produced (no list of whole frames builds up).
 * @example const frames = await playerFrames(job); playerHtml(frames, { width: 640, height: 480, interval: 20 });
 */
export async function playerFrames(job: FrameJob): Promise<PlayerEncoder> {
  // Overlay ids renamed per player: consecutive overlays then differ only where the drawing does (small deltas),
  // and two players on one page never share an id.
  const prefix = 'gt' + Math.random().toString(36).slice(2, 8) + '-';
  const out = new PlayerEncoder();
  let bg: PlayerBackground | null = null;
  let toPng: ((svg: string) => Promise<Uint8Array>) | null | undefined;
  for await (const f of svgFramesAwaiting(job)) {
    if (f.kind === 'layered') {
      if (f.staticChanged || !bg || bg.kind !== 'svg') bg = { kind: 'svg', data: f.staticSvg };
      out.add({ background: bg, overlay: f.animatedSvg === null ? '' : canonicalIds(f.animatedSvg, prefix) });
      continue;
    }
    if (toPng === undefined) toPng = await loadPngRasteriser();
    let png: Uint8Array | null = null;
    if (toPng) {
      try {
        png = await toPng(f.svg);
      } catch {
        toPng = null; // no resvg here (e.g. a browser bundle): whole-frame SVGs work too, only bigger
      }
    }
    bg = png ? { kind: 'png', data: 'data:image/png;base64,' + base64(png) } : { kind: 'svg', data: f.svg };
    out.add({ background: bg, overlay: '' });
  }
  return out;
}

async function loadPngRasteriser(): Promise<((svg: string) => Promise<Uint8Array>) | null> {
  try {
    const { svgToPng } = await import('../export/raster.js');
    return svgToPng;
  } catch {
    return null;
  }
}

/** Base64 of bytes, with Node's Buffer when present, else btoa (browsers, Deno). */
export function base64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (B) return B.from(bytes).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
