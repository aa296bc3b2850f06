/**
 * @file FigureView: shows a gradtape Figure in a DOM element as two stacked SVGs — the static layer (axes, ticks,
 * contours, legend; rendered once per scene) and the animated layer (cursor, tangent, paths; re-rendered each
 * frame). It is the library's blitting split (`toSVG({ layer })`), so hovering and playing never re-typeset TeX or
 * re-trace contours. It also maps pointer positions to figure pixels and, through an axes' own scales, to data.
 */
import type { Axes, Figure } from './lib.js';

/**
 * A figure shown in a DOM element, with pointer → data mapping.
 * @example
 * const view = new FigureView(document.querySelector('#plot1')!);
 * view.show(fig);                       // static + animated layers
 * cursor.setData([x], [y]); view.redraw(); // animated layer only
 */
export class FigureView {
  private fig: Figure | null = null;
  private readonly base: HTMLDivElement;
  private readonly overlay: HTMLDivElement;

  /** @example const view = new FigureView(document.querySelector('#plot1')!); view.show(fig); */
  constructor(readonly host: HTMLElement) {
    host.classList.add('figure-view');
    this.base = document.createElement('div');
    this.base.className = 'layer layer-static';
    this.overlay = document.createElement('div');
    this.overlay.className = 'layer layer-animated';
    this.overlay.setAttribute('aria-hidden', 'true');
    host.replaceChildren(this.base, this.overlay);
  }

  /**
   * A figure size for this view: as wide as the element (so text is drawn at its true size, not shrunk on a
   * phone), between `min` and `max` pixels, with the given height/width ratio. A hidden element gets `max`.
   * @example const { width, height } = view.fitSize(720, 0.6);
   */
  fitSize(max: number, ratio: number, min = 320): { width: number; height: number } {
    const w = this.host.clientWidth;
    const width = Math.round(w > 0 ? Math.min(max, Math.max(min, w)) : max);
    return { width, height: Math.round(width * ratio) };
  }

  /** The figure shown now (null before the first `show`). @example view.figure?.width */
  get figure(): Figure | null {
    return this.fig;
  }

  /** Render a new scene: both layers. @example view.show(fig) */
  show(fig: Figure): void {
    this.fig = fig;
    this.host.style.setProperty('--fig-aspect', `${fig.width} / ${fig.height}`);
    this.base.innerHTML = fig.toSVG({ layer: 'static' });
    this.redraw();
  }

  /** Re-render only the animated artists (after `setData` on them). @example line.setData(xs, ys); view.redraw(); */
  redraw(): void {
    if (this.fig) this.overlay.innerHTML = this.fig.toSVG({ layer: 'animated' });
  }

  /**
   * Show a message instead of a figure (bad input, nothing finite to draw), with an optional preformatted
   * `picture` under it (a formula error's caret line).
   * @example view.message('unexpected end of formula at column 6', 'sin(x\n     ^')
   */
  message(text: string, picture = ''): void {
    this.fig = null;
    const p = document.createElement('p');
    p.className = 'figure-message';
    p.textContent = text;
    if (picture) {
      const pre = document.createElement('pre');
      pre.className = 'error-caret';
      pre.textContent = picture;
      p.append(pre);
    }
    this.base.replaceChildren(p);
    this.overlay.replaceChildren();
  }

  /**
   * Pointer position → figure pixels (the SVG scales with the page, so divide by the rendered size).
   * @example const px = view.toFigurePx(ev.clientX, ev.clientY); // { x, y } in figure pixels, or null
   */
  toFigurePx(clientX: number, clientY: number): { x: number; y: number } | null {
    const svg = this.base.querySelector('svg');
    if (!this.fig || !svg) return null;
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    return {
      x: ((clientX - box.left) * this.fig.width) / box.width,
      y: ((clientY - box.top) * this.fig.height) / box.height,
    };
  }

  /**
   * Pointer position → data coordinates of `ax` (through the axes' own scales), with whether it is inside the axes.
   * @example const p = view.toData(ax, ev.clientX, ev.clientY); if (p?.inside) …
   */
  toData(ax: Axes, clientX: number, clientY: number): { x: number; y: number; inside: boolean } | null {
    const px = this.toFigurePx(clientX, clientY);
    if (!px) return null;
    const { sx, sy, rect: r } = ax.context();
    const inside = px.x >= r.x && px.x <= r.x + r.width && px.y >= r.y && px.y <= r.y + r.height;
    return { x: sx.invert(px.x), y: sy.invert(px.y), inside };
  }
}
