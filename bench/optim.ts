/**
 * @file Benchmark of the tutorial's optimisation loop: `SGD(0.01).minimize` on the scalar
 * f(x, y) = (sin 4x − cos 5y)/5 from (0.25, −0.5), gradtape (as written, and with the loss wrapped in `jit`)
 * against TensorFlow.js (`@tensorflow/tfjs-core` with the
 * CPU backend, `tf.train.sgd(0.01).minimize` on `tf.variable`s) in the same process. Prints steps/s and the ratio,
 * checks both land on the same point, then runs gradtape for 1,000,000 steps (no dispose in user code) and prints
 * heap/RSS before and after. `--quick` runs 2,000 timed steps and 100,000 memory steps. Started through tsx it
 * reruns itself bundled as compiled JavaScript (bundle.ts: tsx's keepNames wrappers would slow this closure-heavy
 * loop by a third, a cost no published package has); `--dist` benchmarks the built package (`npm run build`
 * first) instead of the bundled sources. Rates are reported per wall-clock second and per CPU second of the
 * process (GC helper threads count in the latter).
 *
 * Run: node --expose-gc --import tsx bench/optim.ts [--quick] [--dist]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients; the tfjs umbrella package imports this for you.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as sources from '../src/index.js';
import { ROOT, BUNDLED, relaunchBundled } from './bundle.js';

const dist = process.argv.includes('--dist');
const how = dist ? 'the built package (dist/)' : BUNDLED ? 'the sources, bundled as compiled JS'
  : `the sources through tsx: ${await relaunchBundled('optim', typeof globalThis.gc === 'function' ? ['--expose-gc'] : [])}`;
const lib = (dist ? await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href) : sources) as typeof sources;
const { Variable, cos, div, mul, sin, sub, jit, SGD } = lib;

const quick = process.argv.includes('--quick');
const STEPS = quick ? 2_000 : 10_000;
const MEMORY_STEPS = quick ? 100_000 : 1_000_000;
const START: [number, number] = [0.25, -0.5];

/** The tutorial's loop in gradtape; returns the final point. With `compiled`, the loss is wrapped in `jit`. */
function gradtapeLoop(steps: number, compiled: boolean): [number, number] {
  const x = new Variable(START[0], { name: 'x' });
  const y = new Variable(START[1], { name: 'y' });
  const opt = new SGD({ learningRate: 0.01 });
  const loss = () => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);
  const f = compiled ? jit(loss) : loss;
  for (let i = 0; i < steps; i++) opt.minimize(f, [x, y]);
  return [x.value().item(), y.value().item()];
}
const gradtape = (steps: number) => gradtapeLoop(steps, false);
const gradtapeJit = (steps: number) => gradtapeLoop(steps, true);

/** The same loop in TensorFlow.js (float32: TF.js has no float64). */
function tfjs(steps: number): [number, number] {
  const x = tf.variable(tf.scalar(START[0]), true, 'x');
  const y = tf.variable(tf.scalar(START[1]), true, 'y');
  const opt = tf.train.sgd(0.01);
  const f = () => tf.div(tf.sub(tf.sin(tf.mul(4, x)), tf.cos(tf.mul(5, y))), 5) as tf.Scalar;
  for (let i = 0; i < steps; i++) opt.minimize(f, false, [x, y]);
  const out: [number, number] = [x.dataSync()[0]!, y.dataSync()[0]!];
  x.dispose();
  y.dispose();
  opt.dispose();
  return out;
}

interface Rate {
  /** Steps per wall-clock second (best of the runs). */
  perSec: number;
  /** Steps per second of this process's CPU time (best of the runs). */
  perCpuSec: number;
  point: [number, number];
}

/**
 * Best of `reps` timed runs of each contender, interleaved so that a busy machine slows both alike (a first,
 * shorter run of each warms the JIT). With `--expose-gc`, a minor collection before each timed run keeps one
 * contender's young garbage from being collected on another's clock (a full one would make V8 shrink its young
 * generation and slow every contender).
 */
function rates(runs: ((n: number) => [number, number])[], steps: number, reps = 5): Rate[] {
  for (const run of runs) run(Math.min(steps, 2_000));
  const out = runs.map(() => ({ wall: Infinity, cpu: Infinity, point: [NaN, NaN] as [number, number] }));
  for (let r = 0; r < reps; r++) {
    runs.forEach((run, i) => {
      if (typeof globalThis.gc === 'function') (globalThis.gc as (o?: object) => void)({ type: 'minor' });
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      out[i]!.point = run(steps);
      const c = process.cpuUsage(c0);
      out[i]!.wall = Math.min(out[i]!.wall, performance.now() - t0);
      out[i]!.cpu = Math.min(out[i]!.cpu, (c.user + c.system) / 1000);
    });
  }
  return out.map(({ wall, cpu, point }) => ({ perSec: (steps / wall) * 1000, perCpuSec: (steps / cpu) * 1000, point }));
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`tutorial loop: SGD(0.01).minimize on f(x, y) = (sin 4x − cos 5y)/5, ${STEPS} steps (best of 5, interleaved), gradtape from ${how}`);
  const [g, gj, t] = rates([gradtape, gradtapeJit, tfjs], STEPS) as [Rate, Rate, Rate];
  const row = (name: string, r: Rate) =>
    `  ${name.padEnd(16)} ${r.perSec.toFixed(0).padStart(8)} steps/s wall ${r.perCpuSec.toFixed(0).padStart(8)} steps/s cpu   final (${r.point.map((v) => v.toFixed(6)).join(', ')})`;
  console.log(row('gradtape', g));
  console.log(row('gradtape + jit', gj));
  console.log(row('tfjs-core (cpu)', t));
  const ratio = (a: Rate) => `${(a.perSec / t.perSec).toFixed(1)}× wall, ${(a.perCpuSec / t.perCpuSec).toFixed(1)}× cpu`;
  console.log(`  ratio            ${ratio(g)}; with jit(loss) ${ratio(gj)}  (target ≥ 20×)`);
  const gap = Math.max(Math.abs(g.point[0] - t.point[0]), Math.abs(g.point[1] - t.point[1]));
  console.log(`  max |gradtape − tfjs| at the end: ${gap.toExponential(2)} (float64 vs float32)`);

  const gcAvailable = typeof globalThis.gc === 'function';
  const settle = () => gcAvailable && globalThis.gc!();
  settle();
  const before = process.memoryUsage();
  const t0 = performance.now();
  gradtape(MEMORY_STEPS);
  const secs = (performance.now() - t0) / 1000;
  settle();
  const after = process.memoryUsage();
  console.log(`memory over ${MEMORY_STEPS.toLocaleString('en-US')} gradtape steps (${secs.toFixed(1)} s${gcAvailable ? ', gc forced' : ', run with node --expose-gc to force gc'}):`);
  console.log(`  heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)}   rss ${mb(before.rss)} → ${mb(after.rss)}`);
}

await main();
