/**
 * @file `npm run bench` (add `--quick` for CI): runs BENCH.md's workloads W1–W7 for every peer in one
 * process, prints one table per workload and, in full mode, rewrites `bench/RESULTS.md` with the tables and
 * the date. Peers run one after another; each workload's timed blocks are taken in rounds that visit every
 * peer in turn, so load from other processes on these shared 2-core machines falls on all peers alike
 * (running each peer's blocks back to back let a burst of load distort one peer's ratios), with a minor GC
 * before each peer's blocks so that no peer pays for another's young garbage (a full GC there made V8 shrink
 * the young generation and slowed every peer).
 *
 * Started through tsx, it reruns itself bundled as plain compiled JavaScript (bundle.ts); if bundling fails it
 * runs under tsx and says so in the table's header.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ROOT, BUNDLED, relaunchBundled } from './bundle.js';
import { type Budget, type Row, fullBudget, quickBudget, ROUNDS, calibrate, sampleBlocks, summarize, table, machineInfo, fmtTime } from './harness.js';
import { type Peer, type Stepper, type OptimizerKind, Unsupported, MATMUL_N } from './workloads.js';
import { handPeer } from './peers/hand.js';
import { gradtapePeer } from './peers/gradtape.js';
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
const rounds = quick ? 1 : ROUNDS;
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
const wanted = (title: string): boolean => !onlyFilter || onlyFilter.some((w) => title.toLowerCase().startsWith(w));
const noteOf = (e: unknown): string => (e instanceof Unsupported ? e.message : `failed: ${(e as Error).message.split('\n')[0].slice(0, 120)}`);
const activate = async (p: Peer): Promise<void> => { if (p.activate) await p.activate(); };
const peerDtype = (p: Peer): string => (p.name.startsWith('TF') || p.name.startsWith('jax') ? 'float32' : p.dtype);

let peers: Peer[] = [];
const broken: { name: string; note: string }[] = [];

/** What one peer contributes to an interleaved workload. */
interface Cell { p: Peer; dtype: string; fn: () => unknown; k: number; samples: number[]; extra?: Record<string, string> }
type Build = (p: Peer) => { dtype: string; fn: () => unknown; after?: () => Record<string, string> } | null;

/**
 * Builds and warms every peer's closure for one workload, then takes the timed blocks in rounds over the
 * peers, and adds one row per peer (in peer order) to the workload's table.
 */
async function interleaved(title: string, build: Build, extra?: (median: number) => Record<string, string>): Promise<void> {
  if (!wanted(title)) return;
  const rows: Row[] = [];
  const cells: (Cell & { at: number; after?: () => Record<string, string> })[] = [];
  for (const p of peers) {
    try {
      await activate(p);
      const b = build(p);
      if (!b) { rows.push({ ...base(p, peerDtype(p)), note: 'n/a' }); continue; }
      const k = calibrate(b.fn, budget);
      cells.push({ p, dtype: b.dtype, fn: b.fn, k, samples: [], at: rows.length, after: b.after });
      rows.push({ ...base(p, b.dtype) });
    } catch (e) {
      rows.push({ ...base(p, peerDtype(p)), note: noteOf(e) });
    }
  }
  const perRound = Math.max(1, Math.round(budget.blocks / rounds));
  for (let r = 0; r < rounds; r++) {
    for (const c of cells) {
      await activate(c.p);
      // collect the previous peer's young garbage now, untimed: otherwise its GC debt is paid inside this peer's blocks
      (gc as (o?: object) => void)({ type: 'minor' });
      try { c.samples.push(...sampleBlocks(c.fn, c.k, perRound)); } catch (e) { rows[c.at].note = noteOf(e); c.samples = []; }
    }
  }
  for (const c of cells) {
    if (c.samples.length === 0) continue;
    const timing = summarize(c.samples, c.k);
    await activate(c.p);
    rows[c.at] = { ...rows[c.at], timing, extra: { ...extra?.(timing.median), ...c.after?.() } };
  }
  for (const row of rows) add(title, row);
  for (const b of broken) add(title, { peer: b.name, dtype: '–', note: b.note });
}

/** W4/W5: one stepper is timed; a fresh one runs exactly OPT_STEPS steps for the final x, y. */
const optimizerBuild = (kind: OptimizerKind): Build => (p) => {
  if (!p.optimizer) return null;
  const s = p.optimizer(kind);
  return {
    dtype: peerDtype(p), fn: () => s.step(),
    after: () => {
      const fresh: Stepper = p.optimizer!(kind);
      for (let i = 0; i < OPT_STEPS; i++) fresh.step();
      const [x, y] = fresh.state();
      return { [`x, y after ${OPT_STEPS} steps`]: `${x.toFixed(5)}, ${y.toFixed(5)}` };
    },
  };
};
const stepsPerSecond = (median: number): Record<string, string> => ({ 'steps/s': Math.round(1000 / median).toLocaleString('en-US') });

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)}`;

/** W7: each peer alone (a long single run whose memory is the point), heap and RSS after a forced GC. */
async function newcomer(): Promise<void> {
  const title = `W7 — W4 loop for ${W7_STEPS.toLocaleString('en-US')} steps as a newcomer writes it; memory after GC`;
  if (!wanted(title)) return;
  for (const p of peers) {
    try {
      await activate(p);
      if (!p.newcomer) { add(title, { ...base(p, peerDtype(p)), note: 'n/a' }); continue; }
      const s = p.newcomer();
      for (let i = 0; i < 100; i++) s.step();
      gc(); gc();
      const before = process.memoryUsage();
      const t0 = performance.now();
      for (let i = 0; i < W7_STEPS; i++) s.step();
      const per = (performance.now() - t0) / W7_STEPS;
      gc(); gc();
      const after = process.memoryUsage();
      add(title, {
        ...base(p, peerDtype(p)), timing: { median: per, p10: per, p90: per, iters: W7_STEPS },
        extra: {
          'heap MiB before → after': `${mib(before.heapUsed)} → ${mib(after.heapUsed)}`,
          'RSS MiB before → after': `${mib(before.rss)} → ${mib(after.rss)}`,
          'growth per 1k steps': `${((after.heapUsed - before.heapUsed + after.external - before.external) / (W7_STEPS / 1000) / 1024).toFixed(1)} KiB`,
        },
      });
    } catch (e) {
      add(title, { ...base(p, peerDtype(p)), note: noteOf(e) });
    }
  }
  for (const b of broken) add(title, { peer: b.name, dtype: '–', note: b.note });
}

const flops = 2 * 2 * MATMUL_N ** 3;

async function main(): Promise<void> {
  const started = new Date();
  console.error(`gradtape benchmark (${quick ? 'quick' : 'full'} mode)`);
  const makers: [string, () => Promise<Peer>][] = [
    ['gradtape eager', async () => gradtapePeer(false)],
    ['gradtape jit', async () => gradtapePeer(true)],
    ['TF.js CPU', () => tfjsPeer('cpu')],
    ['TF.js WASM', () => tfjsPeer('wasm')],
    ['jax-js eager', () => jaxPeer(false)],
    ['jax-js jit', () => jaxPeer(true)],
    ['hand loop', async () => handPeer],
  ];
  for (const [name, make] of makers) {
    if (peerFilter && !peerFilter.some((w) => name.toLowerCase().includes(w))) continue;
    try { peers.push(await make()); } catch (e) {
      console.error(`  ${name}: cannot run in this process: ${(e as Error).message}`);
      broken.push({ name, note: `cannot run: ${(e as Error).message.split('\n')[0].slice(0, 100)}` });
    }
  }
  const stage = async (label: string, run: () => Promise<void>): Promise<void> => {
    const t0 = performance.now();
    await run();
    console.error(`  ${label}: ${fmtTime(performance.now() - t0)}`);
  };
  await stage('W1', () => interleaved('W1 — tutorial cell 1: tape, x² + 1 over linspace(-5, 5, 100), gradient',
    (p) => (p.w1 ? { dtype: peerDtype(p), fn: p.w1() } : null)));
  for (const n of [100, W2_BIG]) {
    await stage(`W2 n=${n}`, async () => {
      for (const dtype of ['float64', 'float32'] as const) {
        await interleaved(`W2 — value and gradient of sum(5 sin 2x + x²), n = ${n.toLocaleString('en-US')}, ${dtype}`,
          (p) => (p.w2 ? { dtype, fn: p.w2(n, dtype) } : null));
      }
    });
  }
  await stage('W3', () => interleaved('W3 — Variables x, y (100 points), persistent tape, (sin 4x − cos 5y)/5, gradient(f, [x, y])',
    (p) => (p.w3 ? { dtype: peerDtype(p), fn: p.w3() } : null)));
  await stage('W4', () => interleaved('W4 — SGD(0.01) on scalar (sin 4x − cos 5y)/5 from (0.25, −0.5); time per step', optimizerBuild('sgd'), stepsPerSecond));
  await stage('W5a', () => interleaved('W5a — RMSprop(0.01), same loop', optimizerBuild('rmsprop'), stepsPerSecond));
  await stage('W5b', () => interleaved('W5b — Adam(0.01), same loop', optimizerBuild('adam'), stepsPerSecond));
  await stage('W6', () => interleaved(`W6 — gradient of sum(tanh(X @ W)) w.r.t. W, ${MATMUL_N}×${MATMUL_N} float32`,
    (p) => (p.w6 ? { dtype: 'float32', fn: p.w6() } : null), (m) => ({ 'GFLOP/s (2 products)': (flops / (m * 1e6)).toFixed(2) })));
  await stage('W7', newcomer);

  const body = [...tables].map(([title, rows]) => table(title, rows)).join('\n\n');
  const header = `Machine:\n${machineInfo()}\n- code: ${how}\n\n` +
    `Mode: ${quick ? 'quick (CI smoke run: few iterations, smaller sizes; ratios are not meaningful)' : 'full'}; ` +
    `each cell is the median of ${rounds * Math.max(1, Math.round(budget.blocks / rounds))} timed blocks of ≈${budget.blockMs} ms after a ${budget.warmupMs} ms warm-up, ` +
    `taken in ${rounds} round(s) that visit every peer in turn; p10–p90 is the spread of those blocks. ` +
    '"vs best peer" divides by the fastest of TF.js/jax-js with the same dtype, "vs hand" by the hand-written loop with the same dtype ' +
    '(or the float64 one where it has no other); below 1× is faster.';
  console.log(`${header}\n\n${body}`);
  if (!quick && !peerFilter && !onlyFilter) {
    const out = path.join(ROOT, 'bench', 'RESULTS.md');
    writeFileSync(out, `# Benchmark results\n\nLatest full run of \`npm run bench\`, started ${started.toISOString()}.\n\n${header}\n\n${body}\n`);
    console.error(`wrote ${out}`);
  }
}

/** How the code runs, for the header: bundled, or (when bundling failed) through tsx and why. */
const how = BUNDLED ? 'bench and gradtape sources bundled by esbuild, run as compiled JS (like the published package)'
  : `bench and src through tsx: ${await relaunchBundled('run')}`;
main().catch((e) => { console.error(e); process.exit(1); });
