/**
 * @file One-variable mode: a formula box and an x range; f and f′ (the tutorial's cell 1: a GradientTape watching
 * a linspace) plotted with a LaTeX legend that follows the typing; hovering (or ←/→ on the focused plot) shows
 * x, f(x), f′(x) and the tangent line there. Bad input shows a message and never throws out of the panel.
 */
import {
  Figure,
  GradientTape,
  broadcastTo,
  linspace,
  scalar,
  type Axes,
  type ExprFunction,
  type Line,
  type Tensor,
} from './lib.js';
import { caretPicture, compileFormula, focusColumn, showFormulaError } from './formula.js';
import { FigureView } from './figure-view.js';
import { showDerivative } from './derivative-view.js';
import { readRange, formatNumber, countFinite, nearWindow } from './util.js';
import type { Range } from './state.js';

/** Samples along x: enough for smooth curves at any page width. */
const SAMPLES = 601;

/** What the panel reports back to the page when the visitor changes something. */
export interface Panel1DChange {
  f1: string;
  x1: Range;
}

interface Scene {
  f: ExprFunction;
  ax: Axes;
  tangent: Line;
  dotF: Line;
  dotD: Line;
  range: Range;
  cursor: number | null;
}

/** f(x) and f′(x) at the points of `x` with one tape, as in the tutorial (constant formulas broadcast). */
function valueAndDerivative(f: ExprFunction, x: Tensor): [Tensor, Tensor] {
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return broadcastTo(f(x), x.shape);
  });
  return [y, tape.gradient(y, x, { unconnectedGradients: 'zero' }) as Tensor];
}

/**
 * The one-variable mode.
 * @example const panel = new Panel1D(document.querySelector('#panel-1d')!, (c) => saveInUrl(c)); panel.load(state);
 */
export class Panel1D {
  private readonly view: FigureView;
  private scene: Scene | null = null;
  private pending = 0;
  /** Counts draws and cursor moves: values arrive asynchronously (on a GPU), and only the latest may show. */
  private drawn = 0;
  private moved = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly onChange: (c: Panel1DChange) => void,
  ) {
    this.view = new FigureView(this.el('plot1'));
    for (const id of ['f1', 'x1-min', 'x1-max']) this.el(id).addEventListener('input', () => this.schedule(true));
    this.el('f1-error').addEventListener('click', () => {
      const col = Number(this.el('f1-error').dataset.column);
      if (col > 0) focusColumn(this.input('f1'), col);
    });
    for (const chip of root.querySelectorAll<HTMLButtonElement>('[data-f1]')) {
      chip.addEventListener('click', () => {
        this.input('f1').value = chip.dataset.f1!;
        this.render(true);
      });
    }
    const host = this.view.host;
    host.addEventListener('pointermove', (ev) => this.hover(ev.clientX, ev.clientY));
    host.addEventListener('pointerdown', (ev) => this.hover(ev.clientX, ev.clientY));
    host.addEventListener('pointerleave', () => this.setCursor(null));
    host.addEventListener('keydown', (ev) => this.key(ev));
    host.addEventListener('focus', () => {
      if (this.scene && this.scene.cursor === null) this.setCursor(mid(this.scene.range));
    });
    host.addEventListener('blur', () => this.setCursor(null));
  }

  private el(id: string): HTMLElement {
    return this.root.querySelector<HTMLElement>(`#${id}`)!;
  }
  private input(id: string): HTMLInputElement {
    return this.el(id) as HTMLInputElement;
  }

  /** Fill the inputs from the state and draw. @example panel.load({ f1: 'x^2', x1: [-5, 5] }) */
  load(s: Panel1DChange): void {
    this.input('f1').value = s.f1;
    this.input('x1-min').value = String(s.x1[0]);
    this.input('x1-max').value = String(s.x1[1]);
    this.render(false);
  }

  /** Draw again (the backend changed). @example panel.redraw() */
  redraw(): void {
    this.render(false);
  }

  /** Redraw at the new width after the window was resized (figures are drawn at their displayed size). @example addEventListener('resize', () => panel.resized()) */
  resized(): void {
    if (this.scene && Math.abs(this.view.fitSize(760, 0.6).width - (this.view.figure?.width ?? 0)) > 8)
      this.schedule(false);
  }

  /** Redraw on the next frame (typing fires faster than frames). */
  private schedule(changed: boolean): void {
    cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => this.render(changed));
  }

  private render(changed: boolean): void {
    const source = this.input('f1').value;
    const compiled = compileFormula(source, ['x']);
    showFormulaError(this.input('f1'), this.el('f1-error'), compiled);
    // f′ as a formula under the box and in the legend; its values still come from the tape
    const derivative = showDerivative(this.el('f1-derivative'), compiled.ok ? compiled.f : null);
    const range = readRange(this.input('x1-min'), this.input('x1-max'), this.el('range1-error'), 'x');
    if (changed && compiled.ok && range) this.onChange({ f1: source, x1: range });
    // Keep the last good plot under the error, dimmed so it does not pass for the new formula; with no plot yet (a
    // link with a typo), the panel shows the error and its caret instead of staying empty.
    this.view.host.classList.toggle('stale', !compiled.ok || !range);
    if (!compiled.ok && this.scene === null) {
      this.view.message(`Cannot plot f(x): ${compiled.message}`, caretPicture(source, compiled));
      this.view.host.classList.remove('stale');
    }
    if (!compiled.ok || !range) return;
    const failed = (e: unknown) => {
      this.scene = null;
      this.el('readout1').textContent = '';
      this.view.message(`Cannot plot this formula: ${e instanceof Error ? e.message : String(e)}`);
    };
    try {
      this.draw(compiled.f, range, derivative?.ok ? derivative.tex : null).catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  private async draw(f: ExprFunction, range: Range, derivativeTeX: string | null): Promise<void> {
    const draw = ++this.drawn;
    const xt = linspace(range[0], range[1], SAMPLES);
    const [y, dyRaw] = valueAndDerivative(f, xt);
    // awaited reads: the active backend may be a GPU, whose values arrive asynchronously
    const [x, ys, dys] = await Promise.all([xt.data(), y.data(), dyRaw.data()]);
    if (draw !== this.drawn) return; // a newer draw started meanwhile
    const finite = countFinite(ys);
    // The tape's rule for log gives 1/x even where log(x) is NaN; f′ is only meaningful where f is defined.
    const dy = Array.from(dys, (d, i) => (Number.isFinite(ys[i]) ? d : NaN));
    const note = this.el('note1');
    if (finite === 0) {
      this.scene = null;
      note.textContent = '';
      this.el('readout1').textContent = '';
      this.view.message(`f(x) = ${f.toString()} has no finite value on [${range[0]}, ${range[1]}]; try another range.`);
      return;
    }
    note.textContent =
      finite < SAMPLES
        ? `f(x) is undefined or infinite at ${SAMPLES - finite} of ${SAMPLES} sample points; those parts are left out.`
        : '';
    const narrow = this.view.host.clientWidth > 0 && this.view.host.clientWidth < 500;
    const size = this.view.fitSize(760, narrow ? 0.8 : 0.6);
    const fig = new Figure(size);
    // Fixed pixel margins for the tick labels, so a narrow (phone) figure keeps most of its width for the curves.
    const ax = fig.addAxes({ rect: { x: 56, y: 14, width: size.width - 70, height: size.height - 62 } });
    ax.plot(x, ys, { label: `$f(x) = ${f.toTeX()}$`, lineWidth: 2 });
    ax.plot(x, dy, { label: derivativeTeX === null ? "$f'(x)$" : `$f'(x) = ${derivativeTeX}$`, lineWidth: 2 });
    ax.grid(true, { alpha: 0.4 });
    ax.xlabel('x');
    ax.legend({ loc: 'best', fontSize: narrow ? 8 : undefined });
    // Freeze the view before adding the tangent so the cursor never rescales the axes.
    ax.setXlim(range[0], range[1]);
    ax.setYlim(ax.getYlim());
    const tangent = ax.plot([], [], { color: '#555555', lineStyle: '--', lineWidth: 1.2, animated: true });
    const dotF = ax.plot([], [], { color: 'C0', marker: 'o', markerSize: 7, lineStyle: 'none', animated: true });
    const dotD = ax.plot([], [], { color: 'C1', marker: 'o', markerSize: 6, lineStyle: 'none', animated: true });
    const cursor = this.scene?.cursor ?? null;
    this.scene = { f, ax, tangent, dotF, dotD, range, cursor: null };
    this.view.show(fig);
    this.setCursor(cursor !== null && cursor >= range[0] && cursor <= range[1] ? cursor : null);
  }

  private hover(clientX: number, clientY: number): void {
    if (!this.scene) return;
    const p = this.view.toData(this.scene.ax, clientX, clientY);
    this.setCursor(p?.inside ? p.x : null);
  }

  private key(ev: KeyboardEvent): void {
    if (!this.scene) return;
    const [a, b] = this.scene.range;
    const cur = this.scene.cursor ?? mid(this.scene.range);
    const step = (b - a) / (ev.shiftKey ? 10 : 100);
    const next =
      ev.key === 'ArrowRight'
        ? cur + step
        : ev.key === 'ArrowLeft'
          ? cur - step
          : ev.key === 'Home'
            ? a
            : ev.key === 'End'
              ? b
              : null;
    if (next === null) return;
    ev.preventDefault();
    this.setCursor(Math.min(b, Math.max(a, next)));
  }

  /** Move the cursor to x0 (null hides it): dots on f and f′, the tangent, and the readout. */
  private setCursor(x0: number | null): void {
    const s = this.scene;
    const out = this.el('readout1');
    if (!s) return;
    s.cursor = x0;
    if (x0 === null) {
      for (const l of [s.tangent, s.dotF, s.dotD]) l.setData([], []);
      out.textContent = 'Hover over the plot (or focus it and use ← →) to see the tangent.';
      delete out.dataset.x;
    } else {
      const move = ++this.moved;
      this.tangentAt(s, x0)
        .then(({ fx, dfx, xs, ys }) => {
          if (move !== this.moved || this.scene !== s) return; // the cursor moved on meanwhile
          const ok = Number.isFinite(fx) && Number.isFinite(dfx);
          s.tangent.setData(ok ? xs : [], ok ? ys : []);
          s.dotF.setData([x0], [fx]);
          s.dotD.setData([x0], [dfx]);
          out.textContent = `x = ${formatNumber(x0)}   f(x) = ${formatNumber(fx)}   f′(x) = ${formatNumber(dfx)}`;
          out.dataset.x = String(x0);
          this.view.redraw();
        })
        .catch((e) => {
          out.textContent = `Cannot evaluate f at x = ${formatNumber(x0)}: ${e instanceof Error ? e.message : String(e)}`;
        });
      return;
    }
    this.moved++;
    this.view.redraw();
  }

  /**
   * f(x0), f′(x0) and the tangent through (x0, f(x0)) with slope f′(x0), evaluated by gradtape ops along the
   * range; points far outside the view are cut (a steep tangent would otherwise reach coordinates SVG cannot parse).
   */
  private async tangentAt(s: Scene, x0: number): Promise<{ fx: number; dfx: number; xs: number[]; ys: number[] }> {
    const [fxT, dT] = valueAndDerivative(s.f, scalar(x0));
    const [fx, dRaw] = [(await fxT.data())[0], (await dT.data())[0]];
    const dfx = Number.isFinite(fx) ? dRaw : NaN;
    const xs = linspace(s.range[0], s.range[1], 201);
    const [y0, y1] = s.ax.getYlim();
    const ys = Array.from(await xs.sub(x0).mul(dfx).add(fx).data(), (v) => nearWindow(v, y0, y1));
    return { fx, dfx, xs: Array.from(await xs.data()), ys };
  }
}

function mid([a, b]: Range): number {
  return (a + b) / 2;
}
