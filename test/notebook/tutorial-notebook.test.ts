/**
 * @file The tutorial notebook, executed headless in Deno's Jupyter kernel as CI does (scripts/notebook_run.py
 * through the project-local kernelspec): no cell errors, every figure is inline as SVG with a PNG beside it, the
 * descent is inline as a video (the offline player without ffmpeg), tensors and the trajectory show rich, and the
 * HTML render keeps the SVGs. Skips, saying why, where nbclient or the built package is missing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, installKernel, jupyterEnv, pythonWithJupyter, INSTALL_HINT } from '../../scripts/notebook-kernel.js';
import { findFfmpeg } from '../../src/plot/animation/video.js';

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

const python = pythonWithJupyter();
const built = existsSync(join(ROOT, 'dist', 'index.js'));
const skip = !python
  ? `python3 with jupyter_client/nbformat is not installed (${INSTALL_HINT})`
  : !built
    ? 'the package is not built (run npm run build): the notebook imports dist/ as a user imports gradtape'
    : '';
if (skip) console.warn(`notebook test skipped: ${skip}`);

const text = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

describe.skipIf(skip !== '')("notebooks/tutorial.ipynb in Deno's Jupyter kernel", () => {
  let cells: Cell[] = [];
  let log = '';
  let status: number | null = null;
  let html = '';
  const code = () => cells.filter((c) => c.cell_type === 'code');
  const cellWith = (needle: string) => code().find((c) => text(c.source).includes(needle))!;
  const data = (c: Cell) =>
    Object.assign({}, ...(c.outputs ?? []).map((o) => o.data ?? {})) as Record<string, string | string[]>;

  beforeAll(() => {
    installKernel();
    const out = join(ROOT, 'test-output', 'notebook');
    mkdirSync(out, { recursive: true });
    const r = spawnSync(
      python!,
      [
        join(ROOT, 'scripts', 'notebook_run.py'),
        join(ROOT, 'notebooks', 'tutorial.ipynb'),
        join(out, 'tutorial.ipynb'),
        '--html',
        join(out, 'tutorial.html'),
      ],
      { env: jupyterEnv(), encoding: 'utf8' },
    );
    status = r.status;
    log = r.stdout + r.stderr;
    console.log(r.stdout.trim());
    cells = existsSync(join(out, 'tutorial.ipynb'))
      ? JSON.parse(readFileSync(join(out, 'tutorial.ipynb'), 'utf8')).cells
      : [];
    html = existsSync(join(out, 'tutorial.html')) ? readFileSync(join(out, 'tutorial.html'), 'utf8') : '';
  }, 240_000);

  it('runs every cell without an error', () => {
    const errors = code().flatMap((c) =>
      (c.outputs ?? []).filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
    );
    expect(errors).toEqual([]);
    expect(status, log).toBe(0);
    expect(code().length).toBeGreaterThanOrEqual(12);
  });

  it('shows every figure inline as SVG with a PNG alongside', () => {
    const figures = code().filter((c) => /(^|\n)(fig\d?|contourFigure\(\)\.fig)\s*$/.test(text(c.source)));
    expect(figures.length).toBe(5);
    for (const c of figures) {
      const d = data(c);
      expect(text(d['image/svg+xml']), text(c.source)).toMatch(/^<svg [\s\S]*<\/svg>$/);
      expect(Buffer.from(text(d['image/png']), 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('shows the descent animation inline as a video (or the offline player without ffmpeg)', async () => {
    const d = data(cellWith('new FuncAnimation'));
    if (await findFfmpeg())
      expect(text(d['text/html'])).toMatch(
        /^<video [^>]*controls[\s\S]*src="data:video\/mp4;base64,[A-Za-z0-9+/]{1000,}/,
      );
    else expect(text(d['text/html'])).toContain('<script');
  });

  it('shows tensors as text and small ones as a table, the trajectory as a table, and prints the SGD step', () => {
    const small = data(cellWith('linspace(-1, 1, 5)'));
    expect(text(small['text/plain'])).toBe('Tensor([-1. , -0.5,  0. ,  0.5,  1. ], shape=[5], dtype=float64)');
    expect(text(small['text/html'])).toContain('<td>-0.5</td>');
    expect(text(data(cellWith('tape.gradient(y, x)'))['text/plain'])).toMatch(/^Tensor\(\[-10\. /);
    expect(text(data(cellWith('descend('))['text/html'])).toContain('<table class="gradtape-trajectory"');
    const printed = (cellWith('opt.minimize(() => f(px, py), [px, py]);\nconsole').outputs ?? [])
      .map((o) => text(o.text))
      .join('');
    expect(printed).toContain('after one step: x = 0.245678, y = -0.494015');
  });

  it('renders to HTML with the SVG figures kept', () => {
    expect((html.match(/data-mime-type="image\/svg\+xml">\s*<svg /g) ?? []).length).toBe(5);
  });
});
