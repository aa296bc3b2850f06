/**
 * @file Huge or infinite data never yields invalid SVG: path segments are clipped to ±PX_LIMIT
 * pixels with their direction kept, and every other coordinate written (markers, scatter, text) is clamped.
 */
import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import { PX_LIMIT, fmt, pathData, polygonData } from './svg.js';

/** Random element ids (`clip-3e9k2a-1`) can look like numbers: drop them and references to them first. */
const withoutIds = (svg: string) => svg.replace(/\b(id|clip-path|href|xlink:href)="[^"]*"/g, '');
/** Every number in the markup, as written. */
const numbers = (svg: string) => withoutIds(svg).match(/-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|Infinity|NaN/gi) ?? [];

/** The `d` attribute of the SVG path carrying the given stroke colour. */
function strokePath(svg: string, color: string): string {
  const m = new RegExp(`<path[^>]*d="([^"]*)"[^>]*stroke="${color}"|<path[^>]*stroke="${color}"[^>]*d="([^"]*)"`).exec(
    svg,
  );
  if (!m) throw new Error(`no path stroked ${color}`);
  return m[1] ?? m[2];
}

describe('coordinates beyond float range', () => {
  it('fmt clamps to ±PX_LIMIT (infinities too), leaving ordinary values alone', () => {
    expect(fmt(1e156)).toBe(String(PX_LIMIT));
    expect(fmt(-Infinity)).toBe(String(-PX_LIMIT));
    expect(fmt(123.456)).toBe('123.46');
  });

  it('pathData clips a segment to a far point along its true direction and lifts the pen', () => {
    // (100, 100) → (1e156, 2e156): slope 2, so it leaves the square through y = PX_LIMIT at x ≈ 5e5 + 50.
    const d = pathData([100, 1e156, 200], [100, 2e156, 300]);
    // …and the way back to (200, 300) re-enters with a move at x = 200 + (PX_LIMIT − 300) / 2.
    expect(d).toBe(
      `M100 100L${fmt(100 + (PX_LIMIT - 100) / 2)} ${PX_LIMIT}M${fmt(200 + (PX_LIMIT - 300) / 2)} ${PX_LIMIT}L200 300`,
    );
    // Coming back: the segment from the far point re-enters with a move, not a line across the view.
    const back = pathData([1e156, 10, 20], [1e156, 10, 20]);
    expect(back).toBe(`M${PX_LIMIT} ${PX_LIMIT}L10 10L20 20`);
    // A segment that misses the square altogether draws nothing.
    expect(pathData([2e6, 3e6], [0, 0])).toBe('');
    // Ordinary data is unchanged: gaps and simplification work as before.
    expect(pathData([0, 1, 2], [0, NaN, 2])).toBe('M0 0M2 2');
  });

  it('a diverging optimizer path in a figure gives only valid, bounded coordinates and the right visible part', () => {
    const fig = new Figure({ width: 400, height: 300 });
    const ax = fig.addAxes();
    ax.setXlim(-1, 1);
    ax.setYlim(-1, 1);
    const x = [0, 0.5, -3e155, 1e156, Infinity],
      y = [0, 0.5, 7e155, -1e156, 0];
    ax.plot(x, y, { color: '#ff0000', marker: 'o' });
    ax.scatter([1e156, -Infinity], [1e200, 0]);
    ax.text(1e156, 5e155, 'far away');
    const svg = fig.toSVG();
    const bad = numbers(svg).filter((s) => !(Math.abs(Number(s)) <= PX_LIMIT));
    expect(bad).toEqual([]);
    expect(withoutIds(svg)).not.toMatch(/\d[eE][+-]?\d/);
    // The visible segment (0,0)→(0.5,0.5) is drawn as a line from the data origin, up-right on screen.
    const { sx, sy } = ax.context();
    const d = strokePath(svg, '#ff0000');
    expect(d.startsWith(`M${fmt(sx(0))} ${fmt(sy(0))}L${fmt(sx(0.5))} ${fmt(sy(0.5))}`)).toBe(true);
  });

  it('closed polygons (filled bands, fillBetween, contour rings) are clipped as polygons, never split', () => {
    // A triangle with a vertex at 1e156 px: the visible part is exact, the far part follows the square's edge.
    expect(polygonData([0, 1e156, 0], [0, 0, 100])).toBe(`M0 0L${PX_LIMIT} 0L${PX_LIMIT} 100L0 100Z`);
    expect(polygonData([0, 10, 10], [0, 0, 10])).toBe('M0 0L10 0L10 10Z'); // ordinary data unchanged
    expect(polygonData([2e6, 3e6, 3e6], [0, 0, 5])).toBe(''); // wholly outside
    const fig = new Figure({ width: 300, height: 200 });
    const ax = fig.addAxes();
    ax.setXlim(0, 1);
    ax.setYlim(0, 1);
    ax.fillBetween([0, 0.5, 1], [0.2, 1e160, 0.2], [0, 0, 0], { color: '#00ff00' });
    const svg = fig.toSVG();
    const d = /<path[^>]*d="([^"]*)"[^>]*fill="#00ff00"|<path[^>]*fill="#00ff00"[^>]*d="([^"]*)"/.exec(svg);
    expect(d).not.toBeNull();
    const path = d![1] ?? d![2];
    expect(path.match(/M/g)).toHaveLength(1); // one polygon, not pieces
    expect(numbers(path).filter((v) => !(Math.abs(Number(v)) <= PX_LIMIT))).toEqual([]);
  });
});
