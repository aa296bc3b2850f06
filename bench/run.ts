/**
 * @file `npm run bench` (add `--quick` for CI): runs BENCH.md's workloads W1–W7 for every peer, one peer
 * after another in this one process, prints one table per workload and, in full mode, rewrites
 * `bench/RESULTS.md` with the tables and the date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Budget, type Row, type Timing, fullBudget, quickBudget, measure, table, machineInfo, fmtTime } from './harness.js';
import { type Peer, type Stepper, type OptimizerKind, Unsupported, MATMUL_N } from './workloads.js';
import { handPeer } from './peers/hand.js';
import { gradtapePeer } from './peers/gradtape.js';
import { loadGradtape, type Gradtape } from './build.js';
import { tfjsPeer } from './peers/tfjs.js';
import { jaxPeer } from './peers/jaxjs.js';

const quick = process.argv.includes('--quick');
/** `--peers=jit,hand` keeps peers whose name contains one of the words; `--only=W2,W6` keeps those workloads. */
const optList = (name: string): string[] | null => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3).split(',').map((w) => w.trim().toLowerCase()).filter(Boolean) : null;
};
const peerFilter = optList('peers');
const onlyFilter = optList('only');
const budget: Budget = quick ? quickBudget : fullBudget;
const W2_BIG = quick ? 100_000 : 1_000_000;
const OPT_STEPS = quick ? 500 : 10_000;
const W7_STEPS = quick ? 2_000 : 200_000;

// a collectable heap makes W7's "after" numbers mean retained memory, not garbage not yet collected
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Tables keyed by workload title, in insertion order. */
const tables = new Map<string, Row[]>();
const add = (title: string, row: Row): void => { if (!tables.has(title)) tables.set(title, []); tables.get(title)!.push(row); };

const base = (p: Peer, dtype: string): Row => ({ peer: p.name, dtype, ours: p.ours, hand: p.hand });

/** Runs one workload for one peer, turning Unsupported and failures into a note. */
function attempt(title: string, p: Peer, dtype: string, build: (() => Row | null) | undefined): void {
  if (onlyFilter && !onlyFilter.some((w) => title.toLowerCase().startsWith(w))) return;
  if (!build) { add(title, { ...base(p, dtype), note: 'n/a' }); return; }
  try {
    const row = build();
    if (row) add(title, row);
  } catch (e) {
    const msg = e instanceof Unsupported ? e.message : `failed: ${(e as Error).message.split('\n')[0].slice(0, 120)}`;
    add(title, { ...base(p, dtype), note: msg });
  }
}

const timed = (p: Peer, dtype: string, fn: () => unknown, extra?: (t: Timing) => Record<string, string>): Row => {
  const t = measure(fn, budget);
  return { ...base(p, dtype), timing: t, extra: extra?.(t) };
};

function runOptimizer(p: Peer, kind: OptimizerKind): Row {
  const warm = p.optimizer!(kind);
  const t = measure(() => warm.step(), budget);
  const s: Stepper = p.optimizer!(kind);
  for (let i = 0; i < OPT_STEPS; i++) s.step();
  const [x, y] = s.state();
  return {
    ...base(p, p.name.startsWith('TF') || p.name.startsWith('jax') ? 'float32' : 'float64'), timing: t,
    extra: { 'steps/s': Math.round(1000 / t.median).toLocaleString('en-US'), [`x, y after ${OPT_STEPS} steps`]: `${x.toFixed(5)}, ${y.toFixed(5)}` },
  };
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)}`;

function runNewcomer(p: Peer): Row {
  const s = p.newcomer!();
  for (let i = 0; i < 100; i++) s.step();
  gc(); gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  for (let i = 0; i < W7_STEPS; i++) s.step();
  const per = (performance.now() - t0) / W7_STEPS;
  gc(); gc();
  const after = process.memoryUsage();
  return {
    ...base(p, p.name.startsWith('TF') || p.name.startsWith('jax') ? 'float32' : 'float64'),
    timing: { median: per, p10: per, p90: per, iters: W7_STEPS },
    extra: {
      'heap MiB before → after': `${mib(before.heapUsed)} → ${mib(after.heapUsed)}`,
      'RSS MiB before → after': `${mib(before.rss)} → ${mib(after.rss)}`,
      'growth per 1k steps': `${((after.heapUsed - before.heapUsed + after.external - before.external) / (W7_STEPS / 1000) / 1024).toFixed(1)} KiB`,
    },
  };
}

const flops = 2 * 2 * MATMUL_N ** 3;

function runPeer(p: Peer): void {
  const t0 = performance.now();
  attempt('W1 — tutorial cell 1: tape, x² + 1 over linspace(-5, 5, 100), gradient', p, p.dtype, p.w1 && (() => timed(p, p.dtype, p.w1!())));
  for (const n of [100, W2_BIG]) {
    for (const dtype of ['float64', 'float32'] as const) {
      attempt(`W2 — value and gradient of sum(5 sin 2x + x²), n = ${n.toLocaleString('en-US')}`, p, dtype,
        p.w2 && (() => timed(p, dtype, p.w2!(n, dtype))));
    }
  }
  attempt('W3 — Variables x, y (100 points), persistent tape, (sin 4x − cos 5y)/5, gradient(f, [x, y])', p, p.dtype, p.w3 && (() => timed(p, p.dtype, p.w3!())));
  attempt(`W4 — SGD(0.01) on scalar (sin 4x − cos 5y)/5 from (0.25, −0.5); time per step`, p, p.dtype, p.optimizer && (() => runOptimizer(p, 'sgd')));
  attempt('W5a — RMSprop(0.01), same loop', p, p.dtype, p.optimizer && (() => runOptimizer(p, 'rmsprop')));
  attempt('W5b — Adam(0.01), same loop', p, p.dtype, p.optimizer && (() => runOptimizer(p, 'adam')));
  attempt(`W6 — gradient of sum(tanh(X @ W)) w.r.t. W, ${MATMUL_N}×${MATMUL_N} float32`, p, 'float32',
    p.w6 && (() => timed(p, 'float32', p.w6!(), (t) => ({ 'GFLOP/s (2 products)': (flops / (t.median * 1e6)).toFixed(2) }))));
  attempt(`W7 — W4 loop for ${W7_STEPS.toLocaleString('en-US')} steps as a newcomer writes it; memory after GC`, p, p.dtype, p.newcomer && (() => runNewcomer(p)));
  console.error(`  ${p.name}: done in ${fmtTime(performance.now() - t0)}`);
}

let loaded: { gt: Gradtape; how: string } | null = null;
const lib = async (): Promise<Gradtape> => (loaded ??= await loadGradtape()).gt;

async function main(): Promise<void> {
  const started = new Date();
  console.error(`gradtape benchmark (${quick ? 'quick' : 'full'} mode)`);
  const makers: [string, () => Promise<Peer>][] = [
    ['gradtape eager', async () => gradtapePeer(await lib(), false)],
    ['gradtape jit', async () => gradtapePeer(await lib(), true)],
    ['TF.js CPU', () => tfjsPeer('cpu')],
    ['TF.js WASM', () => tfjsPeer('wasm')],
    ['jax-js eager', () => jaxPeer(false)],
    ['jax-js jit', () => jaxPeer(true)],
    ['hand loop', async () => handPeer],
  ];
  for (const [name, make] of makers) {
    if (peerFilter && !peerFilter.some((w) => name.toLowerCase().includes(w))) continue;
    let p: Peer;
    try { p = await make(); } catch (e) {
      console.error(`  ${name}: cannot run in this process: ${(e as Error).message}`);
      for (const title of tables.keys()) add(title, { peer: name, dtype: '–', note: `cannot run: ${(e as Error).message.slice(0, 100)}` });
      continue;
    }
    runPeer(p);
  }
  const body = [...tables].map(([title, rows]) => table(title, rows)).join('\n\n');
  const header = `Machine:\n${machineInfo()}\n- gradtape loaded as: ${loaded?.how ?? 'not loaded'}\n\nMode: ${quick ? 'quick (CI smoke run: few iterations, smaller sizes; ratios are not meaningful)' : 'full'}; ` +
    `each cell is the median of ${budget.blocks} timed blocks of ≈${budget.blockMs} ms after a ${budget.warmupMs} ms warm-up; ` +
    'p10–p90 is the spread of those blocks. "vs best peer" divides by the fastest of TF.js/jax-js with the same dtype, ' +
    '"vs hand" by the hand-written loop with the same dtype (or the float64 one where it has no other), below 1× is faster.';
  console.log(`${header}\n\n${body}`);
  if (!quick && !peerFilter && !onlyFilter) {
    const out = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
    writeFileSync(out, `# Benchmark results\n\nLatest full run of \`npm run bench\`, started ${started.toISOString()}.\n\n${header}\n\n${body}\n`);
    console.error(`wrote ${out}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
