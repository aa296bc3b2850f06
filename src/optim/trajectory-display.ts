/**
 * @file A descent Trajectory as a notebook MIME bundle: a one-line text summary and a small HTML table (start,
 * end, losses, stop reason) with a loss sparkline. Pure formatting; `descend` attaches it to each trajectory as a
 * non-enumerable `[Symbol.for('Jupyter.display')]` so JSON, structured clones and `toEqual` never see it.
 */
import type { Trajectory } from './trajectory.js';

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));
const point = (tr: Trajectory, p: number[] | undefined): string =>
  p ? '(' + p.map((v, i) => `${tr.names[i]} = ${fmt(v)}`).join(', ') + ')' : '()';

/**
 * One line: optimizer, steps, where it ended and why.
 * @example trajectorySummary(descend(f, [0.25, -0.5], { steps: 120 })) // 'Trajectory sgd: 120 steps (max steps), …'
 */
export function trajectorySummary(tr: Trajectory): string {
  return (
    `Trajectory ${tr.label}: ${tr.steps} steps (${tr.stopReason}), ${point(tr, tr.points[0])} → ` +
    `${point(tr, tr.points.at(-1))}, loss ${fmt(tr.losses[0])} → ${fmt(tr.losses.at(-1)!)}`
  );
}

/** The losses as an SVG polyline, 160×32 px (lowest loss at the bottom); empty when fewer than 2 finite losses. */
function sparkline(losses: number[]): string {
  const ys = losses.filter(Number.isFinite);
  if (ys.length < 2) return '';
  const lo = Math.min(...ys),
    hi = Math.max(...ys),
    span = hi - lo || 1;
  const pts = ys.map(
    (y, i) => `${((i / (ys.length - 1)) * 158 + 1).toFixed(1)},${(31 - ((y - lo) / span) * 30).toFixed(1)}`,
  );
  return `<svg width="160" height="32" viewBox="0 0 160 32"><polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${pts.join(' ')}"/></svg>`;
}

/**
 * The bundle Jupyter shows for a trajectory: the summary as text and a small table as HTML.
 * @example trajectoryMimeBundle(tr)['text/html'] // '<table class="gradtape-trajectory">…'
 */
export function trajectoryMimeBundle(tr: Trajectory): Record<string, string> {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const row = (k: string, v: string): string => `<tr><th style="text-align:left">${k}</th><td>${v}</td></tr>`;
  const html =
    '<table class="gradtape-trajectory" style="font-family:monospace">' +
    row('optimizer', esc(tr.label)) +
    row('steps', `${tr.steps} (${esc(tr.stopReason)})`) +
    row('start', esc(point(tr, tr.points[0]))) +
    row('end', esc(point(tr, tr.points.at(-1)))) +
    row('loss', `${fmt(tr.losses[0])} → ${fmt(tr.losses.at(-1)!)}`) +
    row('|grad| at end', fmt(tr.gradNorms.at(-1)!)) +
    row('loss per step', sparkline(tr.losses)) +
    '</table>';
  return { 'text/plain': trajectorySummary(tr), 'text/html': html };
}

/** Gives `tr` its notebook display (non-enumerable, so the trajectory stays plain data). */
export function withDisplay(tr: Trajectory): Trajectory {
  Object.defineProperty(tr, Symbol.for('Jupyter.display'), {
    value: () => trajectoryMimeBundle(tr),
    enumerable: false,
  });
  return tr;
}
