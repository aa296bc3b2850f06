/**
 * @file The per-optimizer status beside the loss chart: computing…, the loss at the step shown, and how the path
 * ended (converged, stopped at the step budget, diverged, left the plotted square, or the optimizer's own error).
 * A diverging learning rate is reported here in words instead of freezing or blanking the page.
 */
import { describeStop, type Trajectory } from './lib.js';
import { colorOf } from './optimizer-picker.js';
import { OPTIMIZERS, type OptimizerId } from './presets.js';
import { formatNumber } from './util.js';

interface Item {
  li: HTMLLIElement;
  text: HTMLSpanElement;
  tr?: Trajectory;
  leftAt?: number;
}

/**
 * The optimizer status rows.
 * @example const status = new StatusList(ul); status.reset(['sgd']); status.done('sgd', tr, -1, 1, -1, 1); status.frame(5);
 */
export class StatusList {
  private items = new Map<OptimizerId, Item>();

  constructor(private readonly list: HTMLElement) {}

  /** Replace the rows by one line of text (nothing to run, or nothing can run). @example status.idle('Tick an optimizer.') */
  idle(text: string): void {
    this.items.clear();
    const li = document.createElement('li');
    li.className = 'status-empty';
    li.textContent = text;
    this.list.replaceChildren(li);
  }

  /** One "computing…" row per optimizer about to run. @example status.reset(['sgd', 'adam']) */
  reset(ids: OptimizerId[]): void {
    this.items.clear();
    this.list.replaceChildren();
    if (ids.length === 0) this.idle('Tick one or more optimizers to race them from the start point.');
    for (const id of ids) {
      const li = document.createElement('li');
      li.dataset.opt = id;
      li.dataset.state = 'computing';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colorOf(id);
      const name = document.createElement('strong');
      name.textContent = OPTIMIZERS[id].label;
      const text = document.createElement('span');
      text.className = 'status-text';
      text.textContent = 'computing…';
      li.append(swatch, name, text);
      this.list.append(li);
      this.items.set(id, { li, text });
    }
  }

  /** A path arrived; the ranges tell when it left the plotted square. @example status.done('sgd', tr, -1, 1, -1, 1) */
  done(id: OptimizerId, tr: Trajectory, x0: number, x1: number, y0: number, y1: number): void {
    const item = this.items.get(id);
    if (!item) return;
    item.tr = tr;
    const left = tr.points.findIndex(([x, y]) => !(x! >= x0 && x! <= x1 && y! >= y0 && y! <= y1));
    item.leftAt = left < 0 ? undefined : left;
    item.li.dataset.state = tr.stopReason === 'diverged' ? 'diverged' : 'done';
    item.li.dataset.points = String(tr.points.length);
  }

  /** The optimizer could not run (bad hyper-parameter…). @example status.fail('sgd', 'unknown option') */
  fail(id: OptimizerId, message: string): void {
    const item = this.items.get(id);
    if (!item) return;
    item.li.dataset.state = 'error';
    item.text.textContent = message;
  }

  /** Every pending row failed (the worker crashed). @example status.failAll('the optimizer worker failed') */
  failAll(message: string): void {
    for (const [id, item] of this.items) if (!item.tr) this.fail(id, message);
  }

  /** Update the rows for step k. @example status.frame(10) */
  frame(k: number): void {
    for (const item of this.items.values()) {
      const tr = item.tr;
      if (!tr) continue;
      const i = Math.min(k, tr.points.length - 1);
      item.li.dataset.shown = String(i + 1);
      let text = `step ${i}: f = ${formatNumber(tr.losses[i]!)}`;
      if (i === tr.points.length - 1)
        text += ` — ${describeStop(tr)}`; // the library's words, as the CLI's
      else if (item.leftAt !== undefined && i >= item.leftAt)
        text += ` — left the plotted square at step ${item.leftAt}`;
      item.text.textContent = text;
    }
  }
}
