/** @file matplotlib colour specs → CSS: single letters ('r'), cycle refs ('C0'), 'tab:blue', grey strings ('0.8'). */
import { color as d3color } from 'd3-color';
import { tab10 } from './colormap.js';

// matplotlib's base colours (single letters are the old MATLAB-like values, not the tab10 cycle).
const letters: Record<string, string> = {
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};
const tabNames = ['blue', 'orange', 'green', 'red', 'purple', 'brown', 'pink', 'gray', 'olive', 'cyan'];

/**
 * Resolve a matplotlib-style colour to CSS; throws naming `fn` for unknown colours.
 * @example resolveColor('C1', 'plot') // '#ff7f0e'
 */
export function resolveColor(spec: string, fn: string): string {
  if (typeof spec !== 'string') throw new Error(`${fn}: color must be a string, got ${typeof spec}`);
  const s = spec.trim();
  if (s in letters) return letters[s];
  const cyc = /^C(\d)$/.exec(s);
  if (cyc) return tab10[+cyc[1]];
  if (s.startsWith('tab:')) {
    const i = tabNames.indexOf(s.slice(4) === 'grey' ? 'gray' : s.slice(4));
    if (i >= 0) return tab10[i];
  }
  if (/^(0(\.\d+)?|1(\.0*)?)$/.test(s)) {
    // grey level, as matplotlib's '0.8'
    const v = Math.round(parseFloat(s) * 255)
      .toString(16)
      .padStart(2, '0');
    return `#${v}${v}${v}`;
  }
  if (s === 'none' || s === 'transparent' || s === 'currentColor') return s;
  const c = d3color(s);
  // Normalise to hex so equal colours compare equal (and SVG stays predictable); keep alpha as rgba().
  if (c) return c.opacity < 1 ? c.formatRgb() : c.formatHex();
  throw new Error(
    `${fn}: unknown color '${spec}'; use a CSS colour, a matplotlib letter (r g b c m y k w), ` +
      `'C0'…'C9', 'tab:blue'… or a grey level like '0.8'`,
  );
}
