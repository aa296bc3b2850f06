/**
 * Renders the tutorial's figures to test-output/plot/*.png (open them to judge the look) and checks the facts a
 * matplotlib user would see: legend entries, tick labels, level labels, the red path over the contours.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { Figure } from './figure.js';

const OUT = new URL('../../test-output/plot/', import.meta.url);
const lin = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const out = (name: string) => new URL(name, OUT).pathname;

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

describe('tutorial figures', () => {
  it('(1) f(x) = x²+1 and its derivative', async () => {
    const x = lin(-10, 10, 101);
    const fig = new Figure({ width: 640, height: 480 });
    const ax = fig.addAxes();
    ax.plot(
      x,
      x.map((v) => v * v + 1),
      { label: '$f(x) = x^2+1$' },
    );
    ax.plot(
      x,
      x.map((v) => 2 * v),
      { label: "$f'(x)$" },
    );
    ax.legend();
    ax.xlabel('x');
    ax.ylabel('y');
    const svg = fig.toSVG();
    expect(svg).toContain('\u221210'); // unicode minus tick label
    expect((svg.match(/<g class="legend">/g) ?? []).length).toBe(1);
    await fig.save(out('fig1-square.png'));
    await fig.save(out('fig1-square.svg'));
  });

  it('(2) 5 sin(2x) + x² and its derivative', async () => {
    const x = lin(-10, 10, 201);
    const fig = new Figure();
    const ax = fig.addAxes();
    ax.plot(
      x,
      x.map((v) => 5 * Math.sin(2 * v) + v * v),
      { label: '$f(x) = 5\\sin(2x) + x^2$' },
    );
    ax.plot(
      x,
      x.map((v) => 10 * Math.cos(2 * v) + 2 * v),
      { label: "$f'(x) = 10\\cos(2x) + 2x$" },
    );
    ax.legend();
    ax.xlabel('x');
    ax.ylabel('y');
    ax.grid();
    await fig.save(out('fig2-sine.png'));
  });

  const c = lin(-1, 1, 100);
  const Z = c.map((y) => c.map((x) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5));

  it('(3) contour of (sin 4x − cos 5y)/5 with 10 levels labelled inline', async () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    const cs = ax.contour(c, c, Z, { levels: 10 });
    const labels = ax.clabel(cs, { inline: true, fontSize: 10 });
    // matplotlib 3.6.3, the same grid: cs.levels inside the data are −0.32 … 0.32 in steps of 0.08, and
    // clabel's texts are '−0.32', '−0.24', …, '0.00', …, '0.32'.
    expect(cs.levels).toEqual([-0.32, -0.24, -0.16, -0.08, 0, 0.08, 0.16, 0.24, 0.32]);
    expect(new Set(labels.map((l) => l.text))).toEqual(
      new Set(['\u22120.32', '\u22120.24', '\u22120.16', '\u22120.08', '0.00', '0.08', '0.16', '0.24', '0.32']),
    );
    ax.xlabel('x');
    ax.ylabel('y');
    await fig.save(out('fig3-contour.png'));
  });

  it('(4) the contour plot with a red descent path drawn by setData', async () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    const cs = ax.contour(c, c, Z, { levels: 10 });
    ax.clabel(cs, { inline: true, fontSize: 10 });
    const path = ax.plot([], [], { color: 'red', marker: 'o', markerSize: 3, animated: true, label: 'descent' });
    // Gradient descent on f(x, y) = (sin 4x − cos 5y)/5: ∇f = (0.8 cos 4x, sin 5y).
    const px = [0.1],
      py = [0.5];
    for (let i = 0; i < 40; i++) {
      const x = px[px.length - 1],
        y = py[py.length - 1];
      px.push(x - 0.05 * 0.8 * Math.cos(4 * x));
      py.push(y - 0.05 * Math.sin(5 * y));
      path.setData(px, py); // as an animation's update would
    }
    expect(path.revision).toBe(40);
    expect(ax.getXlim()).toEqual([-1, 1]); // sticky contour edges, the path does not widen the view
    expect(fig.toSVG({ layer: 'animated' })).toContain('stroke="#ff0000"');
    expect(fig.toSVG({ layer: 'static' })).not.toContain('stroke="#ff0000"');
    await fig.save(out('fig4-descent.png'));
  });

  it('extras: contourf + colorbar, scatter, subplots, suptitle', async () => {
    const fig = new Figure({ width: 960, height: 400 });
    fig.suptitle('Filled contours and a scatter');
    const [a, b] = fig.subplots(1, 2);
    const cf = a.contourf(c, c, Z, { levels: 12, cmap: 'viridis' });
    a.colorbar(cf, { label: '$f(x, y)$' });
    a.title('contourf');
    const t = lin(0, 6, 40);
    const sc = b.scatter(t.map(Math.cos), t.map(Math.sin), { c: t, cmap: 'plasma', label: 'points' });
    b.colorbar(sc);
    b.axhline(0, { color: 'k', lineWidth: 0.8 });
    b.axvline(0, { color: 'k', lineWidth: 0.8, lineStyle: '--' });
    b.text(0, 0, 'origin', { ha: 'left', va: 'bottom' });
    b.title('scatter');
    b.legend({ loc: 'lower left' });
    fig.tightLayout();
    await fig.save(out('extras.png'));
  });
});
