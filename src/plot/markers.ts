/** @file Marker shapes (matplotlib codes) as SVG path data centred on a point. */
import { fmt } from './svg.js';

/** Marker codes understood by plot/scatter. */
export const markerNames = ['o', '.', ',', 's', '^', 'v', '<', '>', 'D', 'd', '+', 'x', '*', 'p', 'h', '|', '_'];

/**
 * Whether the marker is drawn with strokes only (no fill), as matplotlib's line markers '+', 'x', '|', '_'.
 * @example isStrokeMarker('x') // true
 */
export function isStrokeMarker(m: string): boolean {
  return m === '+' || m === 'x' || m === '|' || m === '_';
}

/**
 * Throw a clear error for an unknown marker code.
 * @example checkMarker('o', 'plot') // ok; checkMarker('Q', 'plot') throws
 */
export function checkMarker(m: string | undefined, fn: string): void {
  if (m !== undefined && m !== '' && m !== 'none' && !markerNames.includes(m)) {
    throw new Error(`${fn}: unknown marker '${m}'; expected one of ${markerNames.join(' ')}`);
  }
}

function poly(x: number, y: number, r: number, n: number, rot: number, inner = 0): string {
  let d = '';
  const k = inner ? 2 * n : n;
  for (let i = 0; i < k; i++) {
    const a = rot + (i * 2 * Math.PI) / k,
      rr = inner && i % 2 ? inner : r;
    d += (i ? 'L' : 'M') + fmt(x + rr * Math.sin(a)) + ' ' + fmt(y - rr * Math.cos(a));
  }
  return d + 'Z';
}

/**
 * Path data for one marker of diameter `size` px at (x, y).
 * @example markerPath('o', 10, 10, 8) // a circle of radius 4
 */
export function markerPath(m: string, x: number, y: number, size: number): string {
  const r = size / 2;
  switch (m) {
    case 'o':
    case '.':
    case ',': {
      const rr = m === '.' ? r / 2 : m === ',' ? 0.5 : r;
      return (
        `M${fmt(x - rr)} ${fmt(y)}a${fmt(rr)} ${fmt(rr)} 0 1 0 ${fmt(2 * rr)} 0a${fmt(rr)} ${fmt(rr)} 0 1 0 ` +
        `${fmt(-2 * rr)} 0Z`
      );
    }
    case 's':
      return `M${fmt(x - r)} ${fmt(y - r)}h${fmt(2 * r)}v${fmt(2 * r)}h${fmt(-2 * r)}Z`;
    case '^':
      return poly(x, y, r, 3, 0);
    case 'v':
      return poly(x, y, r, 3, Math.PI);
    case '>':
      return poly(x, y, r, 3, Math.PI / 2);
    case '<':
      return poly(x, y, r, 3, -Math.PI / 2);
    case 'D':
      return poly(x, y, r, 4, 0);
    case 'd':
      return (
        `M${fmt(x)} ${fmt(y - r)}L${fmt(x + r * 0.6)} ${fmt(y)}L${fmt(x)} ${fmt(y + r)}L${fmt(x - r * 0.6)} ` +
        `${fmt(y)}Z`
      );
    case 'p':
      return poly(x, y, r, 5, 0);
    case 'h':
      return poly(x, y, r, 6, 0);
    case '*':
      return poly(x, y, r, 5, 0, r * 0.382);
    case '+':
      return `M${fmt(x - r)} ${fmt(y)}H${fmt(x + r)}M${fmt(x)} ${fmt(y - r)}V${fmt(y + r)}`;
    case 'x':
      return (
        `M${fmt(x - r)} ${fmt(y - r)}L${fmt(x + r)} ${fmt(y + r)}M${fmt(x - r)} ${fmt(y + r)}L${fmt(x + r)} ` +
        `${fmt(y - r)}`
      );
    case '|':
      return `M${fmt(x)} ${fmt(y - r)}V${fmt(y + r)}`;
    case '_':
      return `M${fmt(x - r)} ${fmt(y)}H${fmt(x + r)}`;
    default:
      return '';
  }
}
