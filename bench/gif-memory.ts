/**
 * @file Benchmark: peak memory of writing an animated GIF, by frame count. Each size runs in its own Node process
 * (a fresh heap, so one size's peak cannot hide another's) and reports `process.resourceUsage().maxRSS`: the
 * process's peak resident set, which counts resvg's native memory as well as the JS heap. The animation is the
 * tutorial's descent picture at 640 × 480 — a labelled contour plot (the static layer) with a red marker and a
 * short trail moving along a gradient-descent path (the animated layer) — so every frame costs the same and any
 * growth of the peak with the frame count is memory held per frame.
 *
 * Run: `npm run bench:gif-memory [-- 100,1000,5000] [--cap-mb=3072]`. A child whose RSS passes the cap stops and
 * reports the frame it reached (the unfixed pipeline grew ~3 MB a frame: 5,000 frames would need ~15 GB).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Figure, FuncAnimation } from '../src/plot/index.js';

const f = (x: number, y: number) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5;
const grad = (x: number, y: number): [number, number] => [0.8 * Math.cos(4 * x), Math.sin(5 * y)];

/** A closed loop of gradient-descent-like points: descend from four starts, so long runs keep moving. */
function path(n: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [],
    ys: number[] = [];
  const starts = [
    [0.3, 0.55],
    [-0.8, 0.2],
    [0.9, -0.6],
    [-0.2, -0.9],
  ];
  for (let s = 0; xs.length < n; s = (s + 1) % starts.length) {
    let [x, y] = starts[s];
    for (let i = 0; i < 60 && xs.length < n; i++) {
      xs.push(x);
      ys.push(y);
      const [gx, gy] = grad(x, y);
      x -= 0.05 * gx;
      y -= 0.05 * gy;
    }
  }
  return { xs, ys };
}

/** The animation: contour + clabel + title, a marker with a 10-point trail walking along `path(frames)`. */
function animation(frames: number): FuncAnimation {
  const n = 60,
    g = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  ax.clabel(
    ax.contour(
      g,
      g,
      g.map((y) => g.map((x) => f(x, y))),
      { levels: 10 },
    ),
    { inline: true, fontSize: 10 },
  );
  ax.title('Gradient descent on $f(x, y) = (\\sin 4x - \\cos 5y)/5$');
  ax.xlabel('x');
  ax.ylabel('y');
  const p = path(frames);
  const trail = ax.plot([], [], { color: 'r', lineWidth: 2, marker: 'o', markerSize: 3 });
  return new FuncAnimation(
    fig,
    (i) => {
      const a = Math.max(0, i - 9);
      trail.setData(p.xs.slice(a, i + 1), p.ys.slice(a, i + 1));
    },
    { frames, interval: 20 },
  );
}

interface Result {
  frames: number;
  maxRssMB: number;
  seconds: number;
  gifKB: number;
  stoppedAt?: number;
}

/** Child: write one GIF, print one JSON line. Stops (and says where) once RSS passes the cap. */
async function child(frames: number, capMB: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gradtape-gifmem-'));
  const file = join(dir, 'anim.gif');
  const t0 = performance.now();
  let stoppedAt: number | undefined;
  try {
    await animation(frames).save(file, {
      onProgress: (done) => {
        if (process.memoryUsage.rss() > capMB * 2 ** 20) {
          stoppedAt = done;
          throw new Error('cap');
        }
      },
    });
  } catch (e) {
    if (stoppedAt === undefined) throw e;
  }
  const seconds = (performance.now() - t0) / 1000;
  const gifKB = stoppedAt === undefined ? (await stat(file)).size / 1024 : 0;
  await rm(dir, { recursive: true, force: true });
  const r: Result = { frames, maxRssMB: process.resourceUsage().maxRSS / 1024, seconds, gifKB, stoppedAt };
  console.log(JSON.stringify(r));
}

function runChild(frames: number, capMB: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(frames), `--cap-mb=${capMB}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`gif-memory: the ${frames}-frame child exited with ${code}`));
      else resolve(JSON.parse(line) as Result);
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cap = Number(args.find((a) => a.startsWith('--cap-mb='))?.slice(9) ?? 3072);
  if (!(cap > 0)) throw new Error('gif-memory: --cap-mb must be a positive number of MB');
  const ci = args.indexOf('--child');
  if (ci >= 0) return child(Number(args[ci + 1]), cap);
  const sizes = (args.find((a) => /^\d+(,\d+)*$/.test(a)) ?? '100,1000,5000').split(',').map(Number);
  console.log(`gif-memory: 640×480 GIF, contour + moving trail; one process per size; RSS cap ${cap} MB`);
  console.log('| frames | peak RSS (MB) | time (s) | GIF (KB) |\n| ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const r = await runChild(n, cap);
    const rss = r.stoppedAt === undefined ? r.maxRssMB.toFixed(0) : `> ${cap} (stopped at frame ${r.stoppedAt})`;
    console.log(
      `| ${n} | ${rss} | ${r.seconds.toFixed(1)} | ${r.stoppedAt === undefined ? r.gifKB.toFixed(0) : '—'} |`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
