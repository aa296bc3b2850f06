/**
 * @file Benchmark of the tutorial's optimisation loop: `SGD(0.01).minimize` on the scalar
 * f(x, y) = (sin 4x − cos 5y)/5 from (0.25, −0.5), gradtape (as written, and with the loss wrapped in `jit`)
 * against TensorFlow.js (`@tensorflow/tfjs-core` with the CPU backend, `tf.train.sgd(0.01).minimize` on
 * `tf.variable`s). Each contender runs in its own Node process (BENCH.md; child.ts), and this process takes
 * their timed runs in turn. Prints steps/s and the ratio, checks both land on the same point, then runs gradtape
 * for 1,000,000 steps (no dispose in user code) and prints heap/RSS before and after. `--quick` runs 2,000 timed
 * steps and 100,000 memory steps. Started through tsx it reruns itself bundled as compiled JavaScript
 * (bundle.ts: tsx's keepNames wrappers would slow this closure-heavy loop by a third, a cost no published
 * package has); `--dist` benchmarks the built package (`npm run build` first) instead of the bundled sources.
 * Rates are reported per wall-clock second and per CPU second of the contender's process (GC helper threads
 * count in the latter).
 *
 * Run: node --expose-gc --import tsx bench/optim.ts [--quick] [--dist]
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sources from '../src/index.js';
import { ROOT, BUNDLED, relaunchBundled } from './bundle.js';
import { Child, serve } from './child.js';

const dist = process.argv.includes('--dist');
const quick = process.argv.includes('--quick');
const STEPS = quick ? 2_000 : 10_000;
const MEMORY_STEPS = quick ? 100_000 : 1_000_000;
const START: [number, number] = [0.25, -0.5];

type Loop = (steps: number) => [number, number];

/** The tutorial's loop in gradtape; returns the final point. With `compiled`, the loss is wrapped in `jit`. */
async function gradtapeLoop(compiled: boolean): Promise<Loop> {
  const lib = (
    dist ? await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href) : sources
  ) as typeof sources;
  const { Variable, cos, div, mul, sin, sub, jit, SGD } = lib;
  return (steps) => {
    const x = new Variable(START[0], { name: 'x' });
    const y = new Variable(START[1], { name: 'y' });
    const opt = new SGD({ learningRate: 0.01 });
    const loss = () => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);
    const f = compiled ? jit(loss) : loss;
    for (let i = 0; i < steps; i++) opt.minimize(f, [x, y]);
    return [x.value().item(), y.value().item()];
  };
}

/** The same loop in TensorFlow.js (float32: TF.js has no float64), loaded only in its own process. */
async function tfjsLoop(): Promise<Loop> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  // tfjs-core alone registers no gradients; the tfjs umbrella package imports this for you.
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  await tf.setBackend('cpu');
  await tf.ready();
  return (steps) => {
    const x = tf.variable(tf.scalar(START[0]), true, 'x');
    const y = tf.variable(tf.scalar(START[1]), true, 'y');
    const opt = tf.train.sgd(0.01);
    const f = () =>
      tf.div(tf.sub(tf.sin(tf.mul(4, x)), tf.cos(tf.mul(5, y))), 5) as import('@tensorflow/tfjs-core').Scalar;
    for (let i = 0; i < steps; i++) opt.minimize(f, false, [x, y]);
    const out: [number, number] = [x.dataSync()[0]!, y.dataSync()[0]!];
    x.dispose();
    y.dispose();
    opt.dispose();
    return out;
  };
}

const CONTENDERS: Record<string, () => Promise<Loop>> = {
  gradtape: () => gradtapeLoop(false),
  'gradtape + jit': () => gradtapeLoop(true),
  'tfjs-core (cpu)': tfjsLoop,
};

interface Run {
  wall: number;
  cpu: number;
  point: [number, number];
}

/** A contender's process: runs its loop for the steps asked (after a minor GC, untimed), or the memory check. */
async function serveContender(name: string): Promise<void> {
  let loop!: Loop;
  const gc = globalThis.gc as ((o?: object) => void) | undefined;
  await serve(
    async () => {
      loop = await CONTENDERS[name]!();
      return {};
    },
    (req: { op: 'run' | 'memory'; steps: number }) => {
      if (req.op === 'memory') {
        gc?.();
        gc?.();
        const before = process.memoryUsage();
        const t0 = performance.now();
        loop(req.steps);
        const secs = (performance.now() - t0) / 1000;
        gc?.();
        gc?.();
        return { before, after: process.memoryUsage(), secs, gc: gc !== undefined };
      }
      gc?.({ type: 'minor' });
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const point = loop(req.steps);
      const c = process.cpuUsage(c0);
      return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, point } satisfies Run;
    },
  );
}

interface Rate {
  /** Steps per wall-clock second (best of the runs). */
  perSec: number;
  /** Steps per second of the contender's CPU time (best of the runs). */
  perCpuSec: number;
  point: [number, number];
}

/** Best of `reps` timed runs of each contender, taken in turn so that a busy machine slows all alike (a first, shorter run of each warms the JIT). */
async function rates(children: Child[], steps: number, reps = 5): Promise<Rate[]> {
  for (const c of children) await c.call({ op: 'run', steps: Math.min(steps, 2_000) });
  const best = children.map(() => ({ wall: Infinity, cpu: Infinity, point: [NaN, NaN] as [number, number] }));
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < children.length; i++) {
      const run = await children[i]!.call<Run>({ op: 'run', steps });
      best[i] = { wall: Math.min(best[i]!.wall, run.wall), cpu: Math.min(best[i]!.cpu, run.cpu), point: run.point };
    }
  }
  return best.map(({ wall, cpu, point }) => ({
    perSec: (steps / wall) * 1000,
    perCpuSec: (steps / cpu) * 1000,
    point,
  }));
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function main(how: string): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const children = await Promise.all(
    Object.keys(CONTENDERS).map(async (name) => (await Child.start(script, [`--contender=${name}`], name)).child),
  );
  console.log(
    `tutorial loop: SGD(0.01).minimize on f(x, y) = (sin 4x − cos 5y)/5, ${STEPS} steps (best of 5, taken in turn, each contender in its own process), gradtape from ${how}`,
  );
  const [g, gj, t] = (await rates(children, STEPS)) as [Rate, Rate, Rate];
  const row = (name: string, r: Rate) =>
    `  ${name.padEnd(16)} ${r.perSec.toFixed(0).padStart(8)} steps/s wall ${r.perCpuSec.toFixed(0).padStart(8)} steps/s cpu   final (${r.point.map((v) => v.toFixed(6)).join(', ')})`;
  console.log(row('gradtape', g));
  console.log(row('gradtape + jit', gj));
  console.log(row('tfjs-core (cpu)', t));
  const ratio = (a: Rate) =>
    `${(a.perSec / t.perSec).toFixed(1)}× wall, ${(a.perCpuSec / t.perCpuSec).toFixed(1)}× cpu`;
  console.log(`  ratio            ${ratio(g)}; with jit(loss) ${ratio(gj)}  (target ≥ 20×)`);
  const gap = Math.max(Math.abs(g.point[0] - t.point[0]), Math.abs(g.point[1] - t.point[1]));
  console.log(`  max |gradtape − tfjs| at the end: ${gap.toExponential(2)} (float64 vs float32)`);

  const m = await children[0]!.call<{
    before: NodeJS.MemoryUsage;
    after: NodeJS.MemoryUsage;
    secs: number;
    gc: boolean;
  }>({ op: 'memory', steps: MEMORY_STEPS });
  console.log(
    `memory over ${MEMORY_STEPS.toLocaleString('en-US')} gradtape steps (${m.secs.toFixed(1)} s${m.gc ? ', gc forced' : ', run with node --expose-gc to force gc'}):`,
  );
  console.log(
    `  heapUsed ${mb(m.before.heapUsed)} → ${mb(m.after.heapUsed)}   rss ${mb(m.before.rss)} → ${mb(m.after.rss)}`,
  );
  for (const c of children) c.close();
}

const contender = process.argv.find((a) => a.startsWith('--contender='))?.slice('--contender='.length);
if (contender !== undefined) {
  await serveContender(contender);
} else {
  const how = dist
    ? 'the built package (dist/)'
    : BUNDLED
      ? 'the sources, bundled as compiled JS'
      : `the sources through tsx: ${await relaunchBundled('optim', typeof globalThis.gc === 'function' ? ['--expose-gc'] : [])}`;
  await main(how);
}
