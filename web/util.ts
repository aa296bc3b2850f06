/**
 * @file Small DOM and formatting helpers shared by the panels: reading a numeric range with an inline error,
 * number formatting for readouts, counting finite values (NaN regions are reported, not plotted) and cutting
 * far-off points out of drawn paths.
 */
import type { Range } from './state.js';

/**
 * Read two number inputs as an increasing finite range; shows what is wrong in `errorBox` and returns null when
 * they are not one.
 * @example const r = readRange(minInput, maxInput, box, 'x'); // [-5, 5] or null
 */
export function readRange(
  lo: HTMLInputElement,
  hi: HTMLInputElement,
  errorBox: HTMLElement,
  name: string,
): Range | null {
  const a = Number(lo.value),
    b = Number(hi.value);
  let problem = '';
  if (lo.value.trim() === '' || hi.value.trim() === '') problem = `Enter both ends of the ${name} range.`;
  else if (!Number.isFinite(a) || !Number.isFinite(b)) problem = `The ${name} range must be two finite numbers.`;
  else if (!(a < b)) problem = `The ${name} range must increase: ${a} is not below ${b}.`;
  else if (b - a < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) problem = `The ${name} range is too narrow to plot.`;
  for (const input of [lo, hi]) {
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  errorBox.textContent = problem;
  errorBox.hidden = problem === '';
  return problem ? null : [a, b];
}

/**
 * Compact number for readouts: 4 significant digits, exponent form for very large or small values.
 * @example formatNumber(0.000012345) // '1.234e-5'
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s =
    a >= 1e5 || a < 1e-3
      ? v
          .toExponential(3)
          .replace(/\.?0+e/, 'e')
          .replace('e+', 'e')
      : String(+v.toPrecision(4));
  return s.replace(/-/g, '−');
}

/**
 * `v`, or NaN when it lies more than one window width outside [lo, hi]. Paths are cut there (a gap, like a NaN in
 * matplotlib) because browsers reject SVG coordinates beyond float range, which a diverging path soon reaches;
 * the axes clip everything outside the window anyway.
 * @example nearWindow(1e300, -1, 1) // NaN; nearWindow(1.5, -1, 1) // 1.5
 */
export function nearWindow(v: number, lo: number, hi: number): number {
  const w = hi - lo;
  return v >= lo - w && v <= hi + w ? v : NaN;
}

/** How many entries are finite. @example countFinite([1, NaN, Infinity]) // 1 */
export function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  return n;
}

/** `document.querySelector` that fails loudly when the page markup and the script disagree. @example byId<HTMLInputElement>(document, 'f1').value */
export function byId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`playground: element #${id} is missing from index.html`);
  return el;
}
