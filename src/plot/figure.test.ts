import { describe, expect, it, vi, afterEach } from 'vitest';
import { inspect } from 'node:util';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Figure } from './figure.js';
import { Axes3D } from './mplot3d/axes3d.js';

/** Random ids (clip paths, MathJax glyphs) differ per run: normalise them for snapshots. */
const stable = (svg: string) => svg.replace(/(clip|mjx)-[a-z0-9]+-[a-z0-9]+/g, '$1-ID');

describe('Figure basics', () => {
  it('validates options and reports itself like matplotlib', async () => {
    expect(() => new Figure({ width: 0 })).toThrow(/Figure: width must be a number of pixels/);
    expect(() => new Figure({ background: 'notacolor' })).toThrow(/Figure: unknown color/);
    const fig = new Figure();
    fig.addAxes();
    expect(fig.toString()).toBe('<Figure 640x480 with 1 Axes>');
    const bundle = await (fig as unknown as Record<symbol, () => Promise<Record<string, string>>>)[
      Symbol.for('Jupyter.display')
    ]();
    expect(bundle['text/plain']).toBe('<Figure 640x480 with 1 Axes>');
    expect(bundle['image/svg+xml']).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
  it('subplots and addSubplot use matplotlib grid geometry; 3-D projection gives Axes3D', () => {
    const fig = new Figure({ width: 1000, height: 500 });
    const [a, b] = fig.subplots(1, 2);
    expect(a.rect.x).toBeCloseTo(125);
    expect(b.rect.x + b.rect.width).toBeCloseTo(900);
    expect(b.rect.x - (a.rect.x + a.rect.width)).toBeCloseTo(0.2 * a.rect.width);
    expect(fig.addSubplot(2, 2, 4, { projection: '3d' })).toBeInstanceOf(Axes3D);
    expect(() => fig.addSubplot(2, 2, 5)).toThrow(/addSubplot: index must be an integer in 1..4/);
    expect(() => fig.addAxes({ rect: [0, 0, 1] as never })).toThrow(
      /addAxes: rect must be \[left, bottom, width, height\]/,
    );
    expect(fig.axes()).toHaveLength(3);
  });
  it("addSubplot's short forms are matplotlib's: none is (1, 1, 1), a three-digit number is (rows, cols, index)", () => {
    const whole = new Figure({ width: 640, height: 480 }).addSubplot(1, 1, 1).rect;
    const fig = new Figure({ width: 640, height: 480 });
    expect(fig.addSubplot().rect).toEqual(whole);
    expect(fig.addSubplot({ projection: '3d', elev: 30 })).toBeInstanceOf(Axes3D);
    const right = new Figure({ width: 640, height: 480 }).addSubplot(1, 2, 2).rect;
    expect(fig.addSubplot(122).rect).toEqual(right);
    expect(fig.addSubplot(122, { projection: '3d' })).toBeInstanceOf(Axes3D);
    expect(fig.axes()).toHaveLength(4);
    expect(() => fig.addSubplot(12)).toThrow(/addSubplot: a single position must be a three-digit number such as 111/);
    expect(() => fig.addSubplot(105)).toThrow(/addSubplot: a single position must be a three-digit number/);
    expect(() => fig.addSubplot(1, 2 as never)).toThrow(/addSubplot: expected \(\), \(pos\) or \(rows, cols, index\)/);
  });
  it('mount sets the SVG into an element', () => {
    const fig = new Figure({ width: 100, height: 80 });
    const elt = { innerHTML: '' };
    fig.mount(elt);
    expect(elt.innerHTML).toContain('width="100"');
    expect(() => fig.mount(null as never)).toThrow(/mount: element/);
  });
});

describe('edge inputs', () => {
  it('empty data is valid; NaN/Inf leave gaps', () => {
    const ax = new Figure().addAxes();
    const empty = ax.plot([], []);
    expect(empty.getData()[0].length).toBe(0);
    const line = ax.plot([0, 1, 2, 3, 4], [0, 1, NaN, 3, Infinity]);
    const [x0, x1] = ax.getXlim(); // NaN/Inf points do not count for limits
    expect(x0).toBeCloseTo(-0.15, 12);
    expect(x1).toBeCloseTo(3.15, 12);
    const d = /<path d="([^"]+)" fill="none" stroke="#ff7f0e"/.exec(ax.render('all'))![1];
    expect(d.match(/M/g)).toHaveLength(2); // two runs: (0, 1) and (3) → the second is a lone move
    line.setData([0, 1], [1, 2]);
    expect(line.revision).toBe(1);
  });
  it('clear errors for bad input', () => {
    const ax = new Figure().addAxes();
    expect(() => ax.plot([1, 2, 3], [1, 2])).toThrow('plot: x and y must have the same length (x has 3, y has 2)');
    expect(() => ax.plot([1, 2], ['a', 2] as never)).toThrow(/plot: y\[0\] must be a number/);
    expect(() => ax.plot([1], [1], { lineStyle: '~' })).toThrow(/plot: unknown lineStyle '~'/);
    expect(() => ax.plot([1], [1], { marker: 'Q' })).toThrow(/plot: unknown marker 'Q'/);
    expect(() => ax.plot([1], [1], { color: 'blurple' })).toThrow(/plot: unknown color 'blurple'/);
    expect(() => ax.plot({ shape: [2, 2], data: () => [1, 2, 3, 4] }, [1, 2])).toThrow(/plot: x must be 1-D/);
    expect(() => ax.legend({ loc: 'top' as never })).toThrow(/legend: unknown loc 'top'/);
    expect(() => ax.setXlim(0, NaN)).toThrow(/setXlim: limits must be finite/);
    expect(() => ax.scatter([1, 2], [1, 2], { c: [1] })).toThrow(/scatter: c must have one value per point/);
    expect(() => ax.colorbar(ax.scatter([1], [1]))).toThrow(/colorbar: the scatter has no colour values/);
    expect(() => new Figure().toSVG({ layer: 'x' as never })).toThrow(/toSVG: layer must be/);
  });
  it('accepts tensor-likes and typed arrays', () => {
    const ax = new Figure().addAxes();
    const t = { shape: [3], data: () => Float32Array.from([1, 2, 3]) };
    ax.plot(t, new Float64Array([3, 2, 1]));
    expect(ax.getXlim()[0]).toBeCloseTo(0.9);
  });
});

describe('save', () => {
  it('writes svg and png; rejects unknown extensions and missing directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradtape-plot-'));
    const fig = new Figure({ width: 200, height: 150 });
    fig.addAxes().plot([0, 1], [0, 1]);
    await fig.save(join(dir, 'a.svg'));
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).toMatch(/^<svg/);
    await fig.save(join(dir, 'a.png'));
    expect([...readFileSync(join(dir, 'a.png')).subarray(1, 4)]).toEqual([80, 78, 71]); // "PNG"
    await expect(fig.save(join(dir, 'a.jpg'))).rejects.toThrow(
      /save: unsupported file extension '.jpg'.*supported: .svg, .png/,
    );
    await expect(fig.save(join(dir, 'nope', 'a.svg'))).rejects.toThrow(
      /Figure.save: cannot write ".*a.svg": the directory ".*nope" does not exist/,
    );
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});

describe('layers (for blitted animations)', () => {
  it('static omits animated artists, animated holds only them on a transparent background', () => {
    const fig = new Figure({ width: 300, height: 200 });
    const ax = fig.addAxes();
    ax.plot([0, 1], [0, 1], { color: '#123456' });
    const path = ax.plot([0, 1], [1, 0], { color: '#abcdef', animated: true });
    const st = fig.toSVG({ layer: 'static' }),
      an = fig.toSVG({ layer: 'animated' }),
      all = fig.toSVG();
    expect(st).toContain('#123456');
    expect(st).not.toContain('#abcdef');
    expect(an).toContain('#abcdef');
    expect(an).not.toContain('#123456');
    expect(an).not.toContain('<text');
    expect(an).not.toContain('fill="#ffffff"');
    expect(all).toContain('#123456');
    expect(all).toContain('#abcdef');
    expect(fig.artists()).toContain(path);
  });
});

describe('SVG snapshots', () => {
  it('a small line plot', async () => {
    const fig = new Figure({ width: 320, height: 240 });
    const ax = fig.addAxes();
    ax.plot([0, 1, 2, 3], [0, 1, 4, 9], { label: 'squares', marker: 'o' });
    ax.plot([0, 3], [0, 9], { lineStyle: '--', label: 'chord' });
    ax.legend();
    ax.xlabel('x');
    ax.ylabel('y');
    ax.title('small');
    await expect(stable(fig.toSVG())).toMatchFileSnapshot('__snapshots__/small-lines.svg');
  });
  it('a small contour plot with TeX labels', async () => {
    const fig = new Figure({ width: 320, height: 240 });
    const ax = fig.addAxes();
    const g = [-1, -0.5, 0, 0.5, 1];
    const cs = ax.contour(
      g,
      g,
      g.map((y) => g.map((x) => x * x + y * y)),
      { levels: [0.25, 0.5, 1], colors: 'k' },
    );
    ax.clabel(cs, { format: '%.2f' });
    ax.xlabel('$x_1$');
    ax.ylabel('$x_2$');
    await expect(stable(fig.toSVG())).toMatchFileSnapshot('__snapshots__/small-contour.svg');
  });
});

describe('show (notebook display adapter)', () => {
  afterEach(() => {
    delete (globalThis as { Deno?: unknown }).Deno;
    vi.restoreAllMocks();
  });
  it('uses Deno.jupyter.display when present', async () => {
    const calls: unknown[] = [];
    (globalThis as { Deno?: unknown }).Deno = {
      jupyter: {
        display: async (b: unknown, o: unknown) => {
          calls.push(b, o);
        },
      },
    };
    const fig = new Figure({ width: 120, height: 90 });
    await fig.show();
    expect(calls[0]).toMatchObject({ 'text/plain': '<Figure 120x90 with 0 Axes>' });
    expect((calls[0] as Record<string, string>)['image/svg+xml']).toMatch(/^<svg/);
    expect(calls[1]).toEqual({ raw: true });
  });
  it('falls back to a temp SVG file and prints its path', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const fig = new Figure({ width: 120, height: 90 });
    fig.addAxes();
    await fig.show();
    const msg = String(log.mock.calls[0][0]);
    const file = /written to (.+\.svg)$/.exec(msg)![1];
    expect(readFileSync(file, 'utf8')).toMatch(/^<svg/);
    expect(inspect(fig)).toBe('<Figure 120x90 with 1 Axes>');
  });
});

describe('tightLayout', () => {
  it('keeps labels, titles and colorbars inside the figure and apart', () => {
    const fig = new Figure({ width: 800, height: 360 });
    fig.suptitle('two panels');
    const [a, b] = fig.subplots(1, 2);
    const g = [-1, 0, 1];
    const cf = a.contourf(
      g,
      g,
      g.map((y) => g.map((x) => x * x + y * y)),
    );
    a.colorbar(cf, { label: 'value' });
    a.xlabel('x');
    a.ylabel('y');
    a.title('left');
    b.plot([0, 1e4], [0, 1]);
    b.xlabel('x');
    b.ylabel('y');
    b.title('right');
    fig.tightLayout();
    for (const ax of [a, b]) {
      const o = ax.outerRect;
      expect(o.x).toBeGreaterThan(40); // room for y tick labels and the y label
      expect(o.y + o.height).toBeLessThan(360 - 30); // room for x tick labels and the x label
      expect(o.y).toBeGreaterThan(30); // room for the title and the suptitle
    }
    const cb = a.colorbarList()[0];
    expect(cb.rect.x).toBeGreaterThan(a.rect.x + a.rect.width);
    expect(cb.rect.x + cb.rect.width + cb.rightExtent()).toBeLessThan(b.outerRect.x - 40);
    expect(b.outerRect.x + b.outerRect.width).toBeLessThan(800 - 10);
    expect(a.rect.height).toBeCloseTo(b.rect.height, 6);
    expect(() => new Figure({ width: 40, height: 40 }).tightLayout()).not.toThrow();
    const tiny = new Figure({ width: 40, height: 40 });
    tiny.addAxes().ylabel('a long y label that cannot fit');
    expect(() => tiny.tightLayout()).toThrow(/tightLayout: the figure \(40x40\) is too small/);
  });
});
