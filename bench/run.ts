/**
 * @file `npm run bench` (add `--quick` for CI): runs BENCH.md's workloads W1–W7 for every peer, prints one
 * table per workload and, in full mode, rewrites `bench/RESULTS.md` with the tables and the date. Each peer runs
 * in its own Node process, as BENCH.md asks (peer-process.ts); this process coordinates them. Each workload's
 * timed blocks are taken in rounds that visit every peer in turn, so load from other processes on these shared
 * 2-core machines falls on all peers alike (running each peer's blocks back to back let a burst of load distort
 * one peer's ratios), with a minor GC in the peer's process before each of its turns.
 *
 * Started through tsx, it reruns itself bundled as plain compiled JavaScript (bundle.ts); if bundling fails it
 * runs under tsx and says so in the table's header.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, BUNDLED, relaunchBundled } from './bundle.js';
import {
  type Budget,
  type Row,
  fullBudget,
  quickBudget,
  ROUNDS,
  summarize,
  table,
  machineInfo,
  fmtTime,
  optList,
} from './harness.js';
import { type Peer, MATMUL_N } from './workloads.js';
import { PeerProcess, servePeer, type WorkSpec } from './peer-process.js';
import { handPeer } from './peers/hand.js';
import { gradtapePeer } from './peers/gradtape.js';
import { tfjsPeer } from './peers/tfjs.js';
import { jaxPeer } from './peers/jaxjs.js';
import { gpuFlag, gpuSection, serveGpuChild } from './gpu/stage.js';
import { keptDevicePart } from './gpu/results.js';

const quick = process.argv.includes('--quick');
/** `--peers=jit,hand` keeps peers whose name contains one of the words; `--only=W2,W6` keeps those workloads. */
const peerFilter = optList(process.argv, 'peers');
const onlyFilter = optList(process.argv, 'only');
const budget: Budget = quick ? quickBudget : fullBudget;
const rounds = quick ? 1 : ROUNDS;
const W2_BIG = quick ? 100_000 : 1_000_000;
const OPT_STEPS = quick ? 500 : 10_000;
/** `--gpu=off` leaves the GPU workloads out; `--gpu=full|small` forces their sizes (else chosen by the adapter). */
const gpu = gpuFlag(process.argv);
const W7_STEPS = quick ? 2_000 : 200_000;

/** Every peer, by name; a child process makes the one it was started for. */
const makers: [string, () => Promise<Peer>][] = [
  ['gradtape eager', async () => gradtapePeer(false)],
  ['gradtape jit', async () => gradtapePeer(true)],
  ['TF.js CPU', () => tfjsPeer('cpu')],
  ['TF.js WASM', () => tfjsPeer('wasm')],
  ['jax-js eager', () => jaxPeer(false)],
  ['jax-js jit', () => jaxPeer(true)],
  ['hand loop', async () => handPeer],
];

/** Tables keyed by workload title, in insertion order. */
const tables = new Map<string, Row[]>();
const add = (title: string, row: Row): void => {
  if (!tables.has(title)) tables.set(title, []);
  tables.get(title)!.push(row);
};
const base = (p: PeerProcess, dtype: string): Row => ({ peer: p.name, dtype, ours: p.ours, hand: p.hand });
const wanted = (title: string): boolean => !onlyFilter || onlyFilter.some((w) => title.toLowerCase().startsWith(w));

const peers: PeerProcess[] = [];
const broken: { name: string; note: string }[] = [];

/**
 * Builds and warms every peer's closure for one workload (each in its own process), then takes the timed
 * blocks in rounds over the peers, and adds one row per peer (in peer order) to the workload's table.
 */
async function interleaved(
  title: string,
  spec: WorkSpec,
  extra?: (median: number) => Record<string, string>,
): Promise<void> {
  if (!wanted(title)) return;
  const rows: Row[] = [];
  const cells: { p: PeerProcess; k: number; samples: number[]; at: number }[] = [];
  for (const p of peers) {
    const r = await p.build(spec);
    if ('note' in r) {
      rows.push({ ...base(p, p.dtype), note: r.note });
      continue;
    }
    cells.push({ p, k: r.k, samples: [], at: rows.length });
    rows.push(base(p, r.dtype));
  }
  const perRound = Math.max(1, Math.round(budget.blocks / rounds));
  for (let r = 0; r < rounds; r++) {
    for (const c of cells) {
      if (rows[c.at].note) continue;
      const s = await c.p.sample(perRound);
      if ('note' in s) {
        rows[c.at].note = s.note;
        c.samples = [];
      } else c.samples.push(...s.samples);
    }
  }
  for (const c of cells) {
    if (c.samples.length === 0) continue;
    const timing = summarize(c.samples, c.k);
    const { extra: after } = await c.p.after();
    rows[c.at] = { ...rows[c.at], timing, extra: { ...extra?.(timing.median), ...after } };
  }
  for (const row of rows) add(title, row);
  for (const b of broken) add(title, { peer: b.name, dtype: '–', note: b.note });
}

const stepsPerSecond = (median: number): Record<string, string> => ({
  'steps/s': Math.round(1000 / median).toLocaleString('en-US'),
});

/** W7: each peer alone (a long single run whose memory is the point), heap and RSS after a forced GC. */
async function newcomer(): Promise<void> {
  const title = `W7 — W4 loop for ${W7_STEPS.toLocaleString('en-US')} steps as a newcomer writes it; memory after GC`;
  if (!wanted(title)) return;
  for (const p of peers) {
    const r = await p.newcomer(W7_STEPS);
    add(
      title,
      'note' in r ? { ...base(p, p.dtype), note: r.note } : { ...base(p, p.dtype), timing: r.timing, extra: r.extra },
    );
  }
  for (const b of broken) add(title, { peer: b.name, dtype: '–', note: b.note });
}

const flops = 2 * 2 * MATMUL_N ** 3;

async function main(how: string): Promise<void> {
  const started = new Date();
  console.error(`gradtape benchmark (${quick ? 'quick' : 'full'} mode)`);
  const script = fileURLToPath(import.meta.url);
  for (const [name] of makers) {
    if (peerFilter && !peerFilter.some((w) => name.toLowerCase().includes(w))) continue;
    try {
      peers.push(await PeerProcess.start(script, name));
    } catch (e) {
      console.error(`  ${name}: cannot run: ${(e as Error).message}`);
      broken.push({ name, note: `cannot run: ${(e as Error).message.split('\n')[0].slice(0, 100)}` });
    }
  }
  const stage = async (label: string, run: () => Promise<void>): Promise<void> => {
    const t0 = performance.now();
    await run();
    console.error(`  ${label}: ${fmtTime(performance.now() - t0)}`);
  };
  await stage('W1', () =>
    interleaved('W1 — tutorial cell 1: tape, x² + 1 over linspace(-5, 5, 100), gradient', { w: 'w1' }),
  );
  for (const n of [100, W2_BIG]) {
    await stage(`W2 n=${n}`, async () => {
      for (const dtype of ['float64', 'float32'] as const) {
        await interleaved(`W2 — value and gradient of sum(5 sin 2x + x²), n = ${n.toLocaleString('en-US')}, ${dtype}`, {
          w: 'w2',
          n,
          dtype,
        });
      }
    });
  }
  await stage('W3', () =>
    interleaved('W3 — Variables x, y (100 points), persistent tape, (sin 4x − cos 5y)/5, gradient(f, [x, y])', {
      w: 'w3',
    }),
  );
  const opt = (kind: 'sgd' | 'rmsprop' | 'adam'): WorkSpec => ({ w: 'optimizer', kind, steps: OPT_STEPS });
  await stage('W4', () =>
    interleaved(
      'W4 — SGD(0.01) on scalar (sin 4x − cos 5y)/5 from (0.25, −0.5); time per step',
      opt('sgd'),
      stepsPerSecond,
    ),
  );
  await stage('W5a', () => interleaved('W5a — RMSprop(0.01), same loop', opt('rmsprop'), stepsPerSecond));
  await stage('W5b', () => interleaved('W5b — Adam(0.01), same loop', opt('adam'), stepsPerSecond));
  await stage('W6', () =>
    interleaved(`W6 — gradient of sum(tanh(X @ W)) w.r.t. W, ${MATMUL_N}×${MATMUL_N} float32`, { w: 'w6' }, (m) => ({
      'GFLOP/s (2 products)': (flops / (m * 1e6)).toFixed(2),
    })),
  );
  await stage('W7', newcomer);
  for (const p of peers) p.close();
  // after the CPU peers have exited, so that their numbers are what they were without it
  let gpuPart = '';
  if (gpu !== 'off')
    await stage('GPU', async () => {
      gpuPart = await gpuSection({ script, quick, size: gpu, peerFilter, wanted, log: (l) => console.error(l) });
    });

  const body = [...[...tables].map(([title, rows]) => table(title, rows)), ...(gpuPart ? [gpuPart] : [])].join('\n\n');
  const header =
    `Machine:\n\n${machineInfo()}\n- code: ${how}\n\n` +
    `Mode: ${quick ? 'quick (CI smoke run: few iterations, smaller sizes; ratios are not meaningful)' : 'full'}; ` +
    `each cell is the median of ${rounds * Math.max(1, Math.round(budget.blocks / rounds))} timed blocks of ≈${budget.blockMs} ms after a ${budget.warmupMs} ms warm-up (and ${budget.rewarmMs} ms of untimed calls before each turn), ` +
    `taken in ${rounds} round(s) that visit every peer in turn, each peer in its own Node process; p10–p90 is the spread of those blocks. ` +
    '"vs best peer" divides by the fastest of TF.js/jax-js with the same dtype, "vs hand" by the hand-written loop with the same dtype ' +
    '(or the float64 one where it has no other); below 1× is faster.';
  console.log(`${header}\n\n${body}`);
  if (!quick && !peerFilter && !onlyFilter) {
    const out = path.join(ROOT, 'bench', 'RESULTS.md');
    const kept = keptDevicePart(out);
    writeFileSync(
      out,
      `# Benchmark results\n\nLatest full run of \`npm run bench\`, started ${started.toISOString()}.\n\n${header}\n\n${body}\n${kept ? `\n${kept}` : ''}`,
    );
    // tables as Biome pads them, so the file passes `npm run format:check` as written
    try {
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', out], { stdio: 'ignore' });
    } catch {
      console.error(`could not format ${out}: run npm run format before committing it`);
    }
    console.error(`wrote ${out}`);
  }
}

const childPeer = process.argv.find((a) => a.startsWith('--peer='))?.slice('--peer='.length);
const gpuChild = process.argv.find((a) => a.startsWith('--gpu-peer='))?.slice('--gpu-peer='.length);
if (gpuChild !== undefined) await serveGpuChild(gpuChild, quick);
else if (childPeer !== undefined) {
  const make = makers.find(([name]) => name === childPeer)?.[1];
  await servePeer(make ?? (() => Promise.reject(new Error(`no peer named '${childPeer}'`))), budget);
} else {
  // how the code runs, for the header: bundled, or (when bundling failed) through tsx and why
  const how = BUNDLED
    ? 'bench and gradtape sources bundled by esbuild, run as compiled JS (like the published package)'
    : `bench and src through tsx: ${await relaunchBundled('run')}`;
  main(how).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
