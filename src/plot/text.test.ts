import { describe, expect, it } from 'vitest';
import { measureText, renderText, splitMath } from './text.js';
import { texBox } from './tex.js';
import { el, escapeXml, fmt, uid, pathData } from './svg.js';
import { colormap, getColormap, colormapNames, rgbToCss } from './colormap.js';
import { resolveColor } from './colors.js';
import { toGrid, toNumbers } from './data.js';

describe('text', () => {
  it('measures with DejaVu Sans advance widths', () => {
    // "0" advances 0.636 em in DejaVu Sans; five digits at 10 px ≈ 31.8 px.
    expect(measureText('00000', 10).width).toBeCloseTo(31.8, 1);
    expect(measureText('iiii', 10).width).toBeLessThan(measureText('MMMM', 10).width);
    expect(measureText('ag', 10).depth).toBeGreaterThan(0);
    expect(measureText('ace', 10).depth).toBe(0);
  });
  it('multi-line text stacks lines 1.2 font sizes apart, growing upwards from the last baseline', () => {
    const one = measureText('Ag', 10),
      two = measureText('Ag\nAg', 10);
    expect(two.width).toBeCloseTo(one.width);
    expect(two.height).toBeCloseTo(one.height + 12);
    expect(two.depth).toBeCloseTo(one.depth);
    const svg = renderText('top\nbottom', 0, 100, { fontSize: 10 });
    const ys = [...svg.matchAll(/<text x="[^"]*" y="([^"]*)"/g)].map((m) => +m[1]);
    expect(ys).toEqual([-12, 0]);
  });
  it('splits $…$ runs; escaped or unmatched dollars stay literal', () => {
    expect(splitMath('loss $L(w)$ at $t$')).toEqual([
      { math: false, s: 'loss ' },
      { math: true, s: 'L(w)' },
      { math: false, s: ' at ' },
      { math: true, s: 't' },
    ]);
    expect(splitMath('costs \\$5')).toEqual([{ math: false, s: 'costs $5' }]);
    expect(splitMath('one $ only')).toEqual([{ math: false, s: 'one $ only' }]);
  });
  it('plain text is a <text> with the DejaVu font stack, escaped', () => {
    const s = renderText('a < b', 10, 20, { fontSize: 12, anchor: 'middle' });
    expect(s).toContain('a &lt; b');
    expect(s).toContain('DejaVu Sans');
    expect(s).not.toContain('<path');
  });
  it('TeX becomes paths (no <text>), mixed strings keep plain words as text', () => {
    const math = renderText('$x^2$', 0, 0, { fontSize: 14 });
    expect(math).toContain('<path');
    expect(math).not.toContain('<text');
    const mixed = renderText('loss $L$', 0, 0, { fontSize: 14 });
    expect(mixed).toContain('>loss </text>');
    expect(mixed).toContain('<path');
    expect(measureText('$\\frac{a}{b}$', 14).height).toBeGreaterThan(measureText('$a$', 14).height);
  });
  it('TeX glyph ids are unique per use, so many figures can share one page', () => {
    const a = texBox('x'),
      b = texBox('x');
    const ida = /id="([^"]+)"/.exec(a.body)![1],
      idb = /id="([^"]+)"/.exec(b.body)![1];
    expect(ida).not.toBe(idb);
    expect(b.body).toContain(`href="#${idb}"`);
  });
  it('bad TeX is a clear error', () => {
    expect(() => renderText('$\\frac{a$', 0, 0)).toThrow(/TeX: cannot typeset/);
  });
});

describe('svg helpers', () => {
  it('escapes, formats and builds', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
    expect(fmt(1.23456)).toBe('1.23');
    expect(fmt(-0.001)).toBe('0');
    expect(fmt(2)).toBe('2');
    expect(el('rect', { x: 1, y: undefined, fill: 'a"b' })).toBe('<rect x="1" fill="a&quot;b"/>');
    expect(el('g', {}, ['<a/>', '<b/>'])).toBe('<g><a/><b/></g>');
    expect(uid('c')).not.toBe(uid('c'));
    expect(pathData([0, 1, 2, 3], [0, NaN, 2, 3])).toBe('M0 0M2 2L3 3');
    // simplification: steps under minDist are dropped, but every run still ends at its last point
    expect(pathData([0, 0.1, 0.2, 5, 5.1, NaN, 7], [0, 0, 0, 0, 0, 0, 0], 0.3)).toBe('M0 0L5 0L5.1 0M7 0');
  });
});

describe('colours', () => {
  it('colormaps by matplotlib name, reversible, clear error for unknown names', () => {
    expect(getColormap('viridis')(0)).toEqual([68, 1, 84]);
    expect(getColormap('viridis')(1)).toEqual([253, 231, 37]);
    expect(getColormap('viridis_r')(1)).toEqual([68, 1, 84]);
    expect(colormapNames).toEqual(expect.arrayContaining(['viridis', 'plasma', 'coolwarm', 'gray', 'turbo', 'RdBu']));
    expect(getColormap('coolwarm')(0)).toEqual([59, 76, 192]);
    expect(() => getColormap('virdis')).toThrow(/^getColormap: unknown colormap 'virdis'; expected one of viridis/);
    expect(() => colormap('virdis', 'contourf')).toThrow(/^contourf: unknown colormap 'virdis'/);
    expect(rgbToCss([255, 0, 16])).toBe('#ff0010');
    expect(rgbToCss([255, 0, 16], 0.5)).toBe('rgba(255,0,16,0.5)');
  });
  it('matplotlib colour specs', () => {
    expect(resolveColor('C1', 'plot')).toBe('#ff7f0e');
    expect(resolveColor('tab:green', 'plot')).toBe('#2ca02c');
    expect(resolveColor('r', 'plot')).toBe('#ff0000');
    expect(resolveColor('0.8', 'plot')).toBe('#cccccc');
    expect(resolveColor('steelblue', 'plot')).toBe('#4682b4');
  });
});

describe('data conversion', () => {
  it('converts and validates', () => {
    expect([...toNumbers([1, 2], 'f', 'x')]).toEqual([1, 2]);
    expect(() => toNumbers(5 as never, 'f', 'x')).toThrow(/f: x must be an array/);
    expect(() => toNumbers([[1]] as never, 'f', 'x')).toThrow(/f: x\[0\] must be a number, got an array/);
    expect(
      toGrid(
        [
          [1, 2],
          [3, 4],
        ],
        'f',
        'Z',
      ),
    ).toMatchObject({ rows: 2, cols: 2 });
    expect(() => toGrid({ shape: [4], data: () => [1, 2, 3, 4] }, 'contour', 'Z')).toThrow(
      /contour: Z must be a 2-D grid/,
    );
  });
});
