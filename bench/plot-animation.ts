/**
 * @file Benchmark: the tutorial's last cell — a 120-frame gradient-descent path drawn over a labelled contour plot
 * of f(x, y) = (sin(4x) − cos(5y)) / 5 on a 640×480 figure — written as GIF and as HTML (and MP4 when ffmpeg is
 * on PATH). Prints times and file sizes; targets on a 2-core machine: GIF < 10 s, HTML < 2 s.
 *
 * Run: `npx tsx bench/plot-animation.ts [outDir]` (default test-output/animation). The path is computed with the
 * analytic gradient so the benchmark measures plotting only.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Figure, FuncAnimation } from '../src/plot/index.js';
import { findFfmpeg } from '../src/plot/animation/video.js';

const FRAMES = 120;
const f = (x: number, y: number) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5;
const grad = (x: number, y: number): [number, number] => [(4 / 5) * Math.cos(4 * x), Math.sin(5 * y)];

/** Plain gradient descent from (0.3, 0.55): FRAMES points, the first being the start. */
function descentPath(lr = 0.02): { xs: number[]; ys: number[] } {
  const xs = [0.3],
    ys = [0.55];
  for (let i = 1; i < FRAMES; i++) {
    const [gx, gy] = grad(xs[i - 1], ys[i - 1]);
    xs.push(xs[i - 1] - lr * gx);
    ys.push(ys[i - 1] - lr * gy);
  }
  return { xs, ys };
}

/** The figure and the line the animation grows, built as the tutorial does. */
export function descentFigure(): { fig: Figure; anim: FuncAnimation } {
  const n = 100,
    lo = -1,
    hi = 1;
  const xs1 = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const X = xs1.map(() => xs1.slice());
  const Y = xs1.map((y) => xs1.map(() => y));
  const Z = X.map((row, r) => row.map((x, c) => f(x, Y[r][c])));
  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  const cs = ax.contour(X, Y, Z, { levels: 10 });
  ax.clabel(cs, { inline: true, fontSize: 10 });
  ax.title('Gradient descent on $f(x, y) = (\\sin 4x - \\cos 5y)/5$');
  ax.xlabel('$x$');
  ax.ylabel('$y$');
  const path = descentPath();
  const line = ax.plot([], [], { color: 'r', lineWidth: 2, marker: 'o', markerSize: 3 });
  const anim = new FuncAnimation(fig, (i) => line.setData(path.xs.slice(0, i + 1), path.ys.slice(0, i + 1)), {
    frames: FRAMES,
    interval: 20,
  });
  return { fig, anim };
}

async function timed(label: string, file: string, run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  const s = (performance.now() - t0) / 1000;
  const size = (await stat(file)).size;
  console.log(`${label.padEnd(6)} ${s.toFixed(2).padStart(6)} s  ${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`);
  return s;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? join('test-output', 'animation');
  await mkdir(out, { recursive: true });
  console.log(`plot-animation: ${FRAMES} frames, 640×480, contour + clabel + growing path`);
  // Warm-up: loads resvg and the font, and MathJax for the title, outside the timings.
  const warm = descentFigure();
  warm.anim.frameSVG(0);
  await warm.fig.save(join(out, 'descent-frame0.png'));
  const gif = await timed('GIF', join(out, 'descent.gif'), () => descentFigure().anim.save(join(out, 'descent.gif')));
  const html = await timed('HTML', join(out, 'descent.html'), () =>
    descentFigure().anim.save(join(out, 'descent.html')),
  );
  if (await findFfmpeg())
    await timed('MP4', join(out, 'descent.mp4'), () => descentFigure().anim.save(join(out, 'descent.mp4')));
  else console.log('MP4    skipped: ffmpeg not on PATH');
  console.log(`targets: GIF < 10 s (${gif < 10 ? 'met' : 'MISSED'}), HTML < 2 s (${html < 2 ? 'met' : 'MISSED'})`);
}

// Run only as a script, so tests and scripts can import descentFigure().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
