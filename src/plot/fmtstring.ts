/**
 * @file matplotlib format strings for plot: '[marker][line][color]' in any order, e.g. 'r--', 'o-', 'k:', 'C2s'.
 * A marker without a line style draws markers only, as in matplotlib.
 */
import { markerNames } from './markers.js';
import type { LineOptions } from './line.js';

/**
 * Parse a format string into line options.
 * @example parseFmt('ro--') // { color: 'r', marker: 'o', lineStyle: '--' }
 */
export function parseFmt(fmt: string, fn = 'plot'): Pick<LineOptions, 'color' | 'marker' | 'lineStyle'> {
  const out: Pick<LineOptions, 'color' | 'marker' | 'lineStyle'> = {};
  let i = 0;
  const fail = (why: string) => new Error(`${fn}: bad format string '${fmt}': ${why} (e.g. 'r--', 'o-', 'k:')`);
  while (i < fmt.length) {
    const two = fmt.slice(i, i + 2);
    if (two === '--' || two === '-.') {
      if (out.lineStyle) throw fail('two line styles');
      out.lineStyle = two;
      i += 2;
      continue;
    }
    const ch = fmt[i];
    if (/^C\d$/.test(two)) {
      if (out.color) throw fail('two colours');
      out.color = two;
      i += 2;
      continue;
    }
    if (ch === '-' || ch === ':') {
      if (out.lineStyle) throw fail('two line styles');
      out.lineStyle = ch;
      i++;
      continue;
    }
    if ('bgrcmykw'.includes(ch)) {
      if (out.color) throw fail('two colours');
      out.color = ch;
      i++;
      continue;
    }
    if (markerNames.includes(ch)) {
      if (out.marker) throw fail('two markers');
      out.marker = ch;
      i++;
      continue;
    }
    throw fail(`unknown character '${ch}'`);
  }
  if (out.marker && !out.lineStyle) out.lineStyle = 'none';
  return out;
}
