/**
 * @file The GPU part of the benchmark (BENCH.md's G2, G6, G8): starts one process per GPU peer, picks the sizes
 * (full on a GPU, small on a software adapter, tiny with `--quick`; `--gpu=full|small` overrides), takes every
 * workload's timed blocks in rounds over the peers as the CPU part does, and returns the section as Markdown.
 * A peer that cannot start (gradtape before its WebGPU kernels exist, a library without a Node route) gets
 * "skipped: <its error>" rows; nothing here throws for a peer's failure.
 */
import { type Row, summarize, table } from '../harness.js';
import { type GpuBudget, gpuFull, gpuQuick, GpuPeerProcess, serveGpuPeer } from './process.js';
import { type GpuPeer, type GpuSize, type GpuSpec, SIZES, gpuTitle, g6Flops } from './workloads.js';
import { SOFTWARE } from './navigator.js';
import { gradtapeGpuPeer } from './peers/gradtape.js';
import { tfjsGpuPeer } from './peers/tfjs.js';
import { jaxGpuPeer } from './peers/jaxjs.js';

/** Every GPU peer, by name; a child process makes the one it was started for. */
const makers: [string, () => Promise<GpuPeer>][] = [
  ['gradtape WebGPU eager', () => gradtapeGpuPeer(false)],
  ['gradtape WebGPU jit', () => gradtapeGpuPeer(true)],
  ['TF.js WebGPU', tfjsGpuPeer],
  ['jax-js WebGPU jit', jaxGpuPeer],
];

/** The child's side, for a process started with `--gpu-peer=<name>`. */
export async function serveGpuChild(name: string, quick: boolean): Promise<void> {
  const make = makers.find(([n]) => n === name)?.[1];
  await serveGpuPeer(
    make ?? (() => Promise.reject(new Error(`no GPU peer named '${name}'`))),
    quick ? gpuQuick : gpuFull,
  );
}

export interface GpuOptions {
  /** The script to fork for each peer (it must call `serveGpuChild` on `--gpu-peer=`). */
  script: string;
  quick: boolean;
  /** From `--gpu=full|small`; otherwise chosen from the adapter. */
  size?: GpuSize;
  /** `--peers=` words, as for the CPU peers. */
  peerFilter: string[] | null;
  /** Whether a table title is selected (`--only=`). */
  wanted(title: string): boolean;
  log(line: string): void;
  /** Called with each finished table (device-run.sh keeps them, in case its time runs out). */
  onTable?(markdown: string): void;
}

/** `--gpu=off|full|small|quick` from the command line, checked. */
export function gpuFlag(argv: string[]): GpuSize | 'off' | undefined {
  const a = argv.find((x) => x.startsWith('--gpu='))?.slice('--gpu='.length);
  if (a === undefined) return undefined;
  if (a === 'off' || a === 'full' || a === 'small' || a === 'quick') return a;
  throw new Error(`bench: --gpu must be off, full, small or quick; got '${a}'`);
}

const ratio = (r: number): string => `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;

/** Runs the GPU workloads; returns the Markdown section (adapters, then one table per workload). */
export async function gpuSection(o: GpuOptions): Promise<string> {
  // `--only=W2` selects no GPU table: start no GPU process either
  if (!['G2', 'G6', 'G8'].some((g) => o.wanted(`${g} —`))) return '';
  /** In the makers' order: a running peer, or the row a skipped one shows in every table. */
  const entries: (GpuPeerProcess | Row)[] = [];
  for (const [name] of makers) {
    if (o.peerFilter && !o.peerFilter.some((w) => name.toLowerCase().includes(w))) continue;
    try {
      entries.push(await GpuPeerProcess.start(o.script, name));
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      o.log(`  ${name}: skipped: ${why}`);
      entries.push({ peer: name, dtype: 'float32', note: `skipped: ${why.slice(0, 160)}` });
    }
  }
  const peers = entries.filter((e): e is GpuPeerProcess => e instanceof GpuPeerProcess);
  const software = peers.some((p) => SOFTWARE.test(p.adapter));
  const size: GpuSize = o.size ?? (o.quick ? 'quick' : software || peers.length === 0 ? 'small' : 'full');
  const budget: GpuBudget = o.quick ? gpuQuick : gpuFull;
  const specs: GpuSpec[] = (['g2', 'g6', 'g8'] as const).flatMap((g) => SIZES[size][g].map((n) => ({ g, n })));
  const tables: string[] = [];
  for (const spec of specs) {
    const title = gpuTitle(spec, size);
    if (!o.wanted(title)) continue;
    const t0 = performance.now();
    const timed = await timeOne(peers, spec, budget);
    const md = table(
      title,
      entries.map((e) => (e instanceof GpuPeerProcess ? timed.get(e)! : e)),
    );
    tables.push(md);
    o.onTable?.(md);
    o.log(`  ${spec.g.toUpperCase()} n=${spec.n}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  for (const p of peers) p.close();
  const adapters = peers.map((p) => `- ${p.name}: ${p.adapter}`).join('\n');
  return [
    `## GPU (WebGPU)\n\nAdapters:\n${adapters || '- none: every GPU peer was skipped'}`,
    `Sizes: ${size}${software ? ' (a software adapter: these rows only show that the benchmark runs)' : ''}; ` +
      `each cell is the median of ${budget.rounds * Math.max(1, Math.round(budget.blocks / budget.rounds))} timed blocks of ` +
      `≈${budget.blockMs} ms, each ending with an awaited read of the result (G2, G6: the value and the gradient's last ` +
      'element after every iteration; G8: one element of Y after the block\'s steps). "gradtape ÷ this" divides each ' +
      "gradtape WebGPU row's median by that peer's (below 1× gradtape is faster).",
    ...tables,
  ].join('\n\n');
}

/** Builds the workload in every peer's process, takes the blocks in rounds over the peers, returns the rows. */
async function timeOne(peers: GpuPeerProcess[], spec: GpuSpec, budget: GpuBudget): Promise<Map<GpuPeerProcess, Row>> {
  const rows: Row[] = [];
  const cells: { p: GpuPeerProcess; k: number; samples: number[]; row: Row }[] = [];
  for (const p of peers) {
    const row: Row = { peer: p.name, dtype: 'float32', ours: p.ours };
    rows.push(row);
    const r = await p.call<{ k: number }>({ op: 'build', spec });
    if ('note' in r) row.note = r.note;
    else cells.push({ p, k: r.k, samples: [], row });
  }
  const perRound = Math.max(1, Math.round(budget.blocks / budget.rounds));
  for (let round = 0; round < budget.rounds; round++)
    for (const c of cells) {
      if (c.row.note) continue;
      const s = await c.p.call<{ samples: number[] }>({ op: 'sample', blocks: perRound });
      if ('note' in s) c.row.note = s.note;
      else c.samples.push(...s.samples);
    }
  for (const c of cells) {
    if (c.row.note || c.samples.length === 0) continue;
    c.row.timing = summarize(c.samples, c.k);
    const a = await c.p.call<{ extra: Record<string, string> }>({ op: 'after' });
    const m = c.row.timing.median;
    c.row.extra = {
      ...(spec.g === 'g6' ? { 'TFLOP/s (2 products)': (g6Flops(spec.n) / (m * 1e9)).toPrecision(3) } : {}),
      ...(spec.g === 'g8' ? { 'steps/s': Math.round(1000 / m).toLocaleString('en-US') } : {}),
      ...('note' in a ? { check: a.note } : a.extra),
    };
  }
  const ours = rows.filter((r) => r.ours && r.timing);
  for (const r of rows)
    if (!r.ours && r.timing && ours.length > 0)
      r.extra = {
        ...r.extra,
        'gradtape ÷ this': ours
          .map((g) => `${g.peer.split(' ').pop()} ${ratio(g.timing!.median / r.timing!.median)}`)
          .join(', '),
      };
  return new Map(peers.map((p, i) => [p, rows[i]]));
}
