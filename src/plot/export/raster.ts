/**
 * @file SVG → RGBA pixels / PNG with resvg (Node only). resvg is imported lazily so browser bundles never touch it,
 * and it gets exactly the shipped DejaVu Sans TTFs (regular and bold), so pixels are the same on every machine.
 */

import { nodeBuiltin } from './node-builtins.js';
import { optionsOf } from '../data.js';

type ResvgModule = typeof import('@resvg/resvg-js');
type RenderedImage = import('@resvg/resvg-js').RenderedImage;
let resvg: Promise<ResvgModule> | null = null;
let fontPaths: string[] | null = null;
/** The shipped fonts, relative to this file (src/plot or dist/plot): DejaVu Sans and its bold face (titles). */
const FONTS = ['../../../assets/fonts/DejaVuSans.ttf', '../../../assets/fonts/DejaVuSans-Bold.ttf'];

async function setup(): Promise<{ mod: ResvgModule; fonts: string[] }> {
  // The specifier is a variable so bundlers (vite) leave resvg's native binding out of browser builds.
  const id = '@resvg/resvg-js';
  resvg ??= import(/* @vite-ignore */ id) as Promise<ResvgModule>;
  if (!fontPaths) {
    const { fileURLToPath } = await nodeBuiltin('node:url');
    // Not string literals in new URL(): bundlers would otherwise copy the fonts into browser builds.
    fontPaths = FONTS.map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  }
  let mod: ResvgModule;
  try {
    mod = await resvg;
  } catch (e) {
    resvg = null;
    throw new Error(`svgToPng: cannot load @resvg/resvg-js (PNG export needs it, Node only): ${(e as Error).message}`);
  }
  return { mod, fonts: fontPaths };
}

/** Rasterisation options: `scale` multiplies the pixel size (2 gives a crisp "retina" PNG, like a higher dpi). */
export interface RasterOptions {
  scale?: number;
}

/**
 * One turn of the event loop. resvg-js holds each render's native memory (parsed tree, font database, pixmap:
 * ~3 MB at 640 × 480) until the N-API finalizers of its Resvg and RenderedImage objects run, and Node runs those
 * from the event loop after a garbage collection — never inside a chain of awaited promises. A frame loop that
 * never yielded a turn kept every frame's native memory (thx/resvg-js#216: 1,000 frames, 3 GB). A turn after each
 * render lets the finalizers of every render collected so far run, so memory stays flat however many frames.
 */
const eventLoopTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof globalThis.setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

async function render<T>(svg: string, fn: string, opts: RasterOptions, take: (img: RenderedImage) => T): Promise<T> {
  if (typeof svg !== 'string' || !svg.includes('<svg')) throw new Error(`${fn}: svg must be an SVG document string`);
  const scale = optionsOf(opts, fn, ['scale']).scale ?? 1;
  if (!(typeof scale === 'number' && scale > 0 && scale <= 16))
    throw new Error(`${fn}: scale must be in (0, 16], got ${scale}`);
  const { mod, fonts } = await setup();
  const r = new mod.Resvg(svg, {
    // Both faces: without the bold one resvg draws font-weight="bold" text (titles) with the regular face.
    font: {
      loadSystemFonts: false,
      fontFiles: fonts,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    shapeRendering: 2,
    textRendering: 1,
  });
  const out = take(r.render());
  await eventLoopTurn();
  return out;
}

/**
 * In place: premultiplied → straight alpha. resvg's pixmap is premultiplied (as tiny-skia's); users of an "RGBA"
 * array expect straight colour (a 50 % transparent red is (255, 0, 0, 128), as in PNG and ImageData). Opaque and
 * fully transparent pixels, nearly all of a figure, are left alone.
 */
export function unpremultiply(px: Uint8Array): Uint8Array {
  for (let i = 3; i < px.length; i += 4) {
    const a = px[i];
    if (a === 255 || a === 0) continue;
    for (let c = 3; c >= 1; c--) px[i - c] = Math.min(255, Math.round((px[i - c] * 255) / a));
  }
  return px;
}

/**
 * Rasterise an SVG document to straight (non-premultiplied) RGBA pixels, row-major, 4 bytes a pixel — the layout
 * of a PNG or a canvas ImageData.
 * @example const { data, width, height } = await svgToRGBA(fig.toSVG());
 */
export async function svgToRGBA(
  svg: string,
  opts: RasterOptions = {},
): Promise<{ data: Uint8Array; width: number; height: number }> {
  return render(svg, 'svgToRGBA', opts, (img) => ({
    data: unpremultiply(new Uint8Array(img.pixels)),
    width: img.width,
    height: img.height,
  }));
}

/**
 * Rasterise an SVG document to PNG bytes.
 * @example await writeFile('f.png', await svgToPng(fig.toSVG()));
 */
export async function svgToPng(svg: string, opts: RasterOptions = {}): Promise<Uint8Array> {
  return render(svg, 'svgToPng', opts, (img) => new Uint8Array(img.asPng()));
}
