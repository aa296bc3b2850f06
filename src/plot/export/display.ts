/**
 * @file Notebook display: the MIME bundles Jupyter kernels show for figures and animations (Deno's kernel calls
 * an object's `[Symbol.for('Jupyter.display')]()` when it is a cell's last expression and awaits the bundle), and
 * `HTML(markup)`, IPython's `HTML`. Figures carry a PNG beside the SVG so renderers that strip SVG still show them;
 * animations become an HTML5 video when ffmpeg is installed, else the offline HTML player.
 */
import { svgToPng } from './raster.js';
import { base64 } from '../animation/anim-html.js';
import { findFfmpeg } from '../animation/video.js';

/** A Jupyter MIME bundle: MIME type → data (binary types base64-encoded). */
export type MimeBundle = Record<string, string>;

/** The symbol of Deno's display protocol (`Deno.jupyter.$display`); a registered symbol, so no Deno types needed. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/**
 * A figure's bundle: SVG, a PNG alongside where a rasteriser loads (Node, Deno), and its short description.
 * @example await figureBundle(fig) // { 'image/svg+xml': '<svg…', 'image/png': 'iVBOR…', 'text/plain': '<Figure 640x480 with 1 Axes>' }
 */
export async function figureBundle(fig: {
  toSVG(): string;
  toString(): string;
  ready?(): Promise<void>;
}): Promise<MimeBundle> {
  await fig.ready?.();
  const svg = fig.toSVG();
  const bundle: MimeBundle = { 'image/svg+xml': svg, 'text/plain': fig.toString() };
  try {
    bundle['image/png'] = base64(await svgToPng(svg));
  } catch {
    /* no resvg here (a browser): the SVG alone */
  }
  return bundle;
}

/**
 * An animation's bundle: `toHtml5Video()` when ffmpeg is on PATH, else `toJsHtml()` (the offline player).
 * @example await animationBundle(anim) // { 'text/html': '<video …', 'text/plain': '<FuncAnimation 121 frames …>' }
 */
export async function animationBundle(anim: {
  toHtml5Video(): Promise<string>;
  toJsHtml(): Promise<string>;
  toString(): string;
}): Promise<MimeBundle> {
  const html = (await hasFfmpeg()) ? await anim.toHtml5Video() : await anim.toJsHtml();
  return { 'text/html': html, 'text/plain': anim.toString() };
}

async function hasFfmpeg(): Promise<boolean> {
  try {
    return (await findFfmpeg()) !== null;
  } catch {
    return false; // no process/PATH (a browser)
  }
}

/** Markup that displays as HTML in a notebook (the value of {@link HTML}). */
export class HtmlMarkup {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
  [JUPYTER_DISPLAY](): MimeBundle {
    return { 'text/html': this.markup, 'text/plain': '<HTML>' };
  }
}

/**
 * IPython's `HTML`: wraps markup so that, as a cell's last expression (or given to `Deno.jupyter.display`), it shows
 * as HTML rather than as a quoted string.
 * @example HTML(await anim.toHtml5Video())   // the tutorial's display_html(HTML(anim.to_html5_video()))
 */
export function HTML(markup: string): HtmlMarkup {
  if (typeof markup !== 'string') {
    throw new Error(`HTML: markup must be a string of HTML (got ${markup === null ? 'null' : typeof markup})`);
  }
  return new HtmlMarkup(markup);
}
