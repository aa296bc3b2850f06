/**
 * @file Timing and reporting for the peer benchmark: repeated timed blocks after a warm-up, robust
 * statistics (median, p10–p90), machine description and Markdown/console tables.
 */
import os from 'node:os';
import { simdSupported } from '../src/backends/wasm/encoder.js';
import { wasmGemmAvailable } from '../src/backends/wasm/gemm.js';

/** How hard to measure: the full run, or `--quick` (every workload exercised, few iterations). */
export interface Budget {
  quick: boolean;
  /** Target duration of one timed block, ms. */
  blockMs: number;
  /** Number of timed blocks. */
  blocks: number;
  /** Warm-up duration, ms. */
  warmupMs: number;
  /**
   * Untimed calls at the start of each turn, ms. A peer's process waits while the others take their turns, and
   * in that pause the C library gives freed memory back to the system (glibc trims its heap top past 128 KiB), so
   * a turn's first blocks page-faulted that memory back in: gradtape's W1 took 3–36 thousand faults a run where
   * it took about 15 with trimming off. Calls before the blocks bring every peer back to its steady state.
   */
  rewarmMs: number;
}

/**
 * A second of warm-up reaches the steady state BENCH.md asks for: V8 optimizes about a hundred functions of an
 * optimizer step and re-optimizes some after a deopt or two. After 150 ms, gradtape's W4 step measured 18 µs
 * where the same process settles at about 7 (W4 run first, this VM in a slow phase), so the cell timed the JIT.
 */
export const fullBudget: Budget = { quick: false, blockMs: 20, blocks: 15, warmupMs: 1000, rewarmMs: 100 };
export const quickBudget: Budget = { quick: true, blockMs: 1, blocks: 3, warmupMs: 1, rewarmMs: 0 };
/** Blocks are taken in this many rounds that visit every peer in turn, so load that comes and goes hits all peers alike. */
export const ROUNDS = 5;

/**
 * The words of a `--name=a,b` command-line option, lower-cased, or null when it is not given.
 * @example optList(['--only=W2,W6'], 'only') // ['w2', 'w6']
 */
export function optList(argv: readonly string[], name: string): string[] | null {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a
    ? a
        .slice(name.length + 3)
        .split(',')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean)
    : null;
}

/** Per-iteration times of one peer on one workload, in milliseconds. */
export interface Timing {
  median: number;
  p10: number;
  p90: number;
  iters: number;
}

const now = (): number => performance.now();

/** The q-quantile (0..1) of sorted values, interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile: no samples');
  const pos = (sorted.length - 1) * q,
    lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Warms `fn` (one iteration of a workload) up and returns how many iterations make a block of about
 * `blockMs`: a single 2 µs call is below the timer's resolution and dominated by noise; a block's mean is not.
 */
export function calibrate(fn: () => unknown, budget: Budget): number {
  if (typeof fn !== 'function') throw new TypeError('calibrate: fn must be a function');
  const t0 = now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (now() - t0 < budget.warmupMs || calls < 2);
  const per = Math.max((now() - t0) / calls, 1e-6);
  return Math.max(1, Math.round(budget.blockMs / per));
}

/** Calls `fn` for `ms` milliseconds, untimed (at least once). */
export function rewarm(fn: () => unknown, ms: number): void {
  const t0 = now();
  do fn();
  while (now() - t0 < ms);
}

/** Times `blocks` blocks of `k` calls; returns per-iteration times (ms). */
export function sampleBlocks(fn: () => unknown, k: number, blocks: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = now();
    for (let i = 0; i < k; i++) fn();
    out.push((now() - t0) / k);
  }
  return out;
}

/** Median and p10–p90 of per-iteration samples. */
export function summarize(samples: number[], k: number): Timing {
  const s = samples.slice().sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9), iters: k * s.length };
}

/** Calibrates then times `fn` in `budget.blocks` blocks (one peer alone). */
export function measure(fn: () => unknown, budget: Budget): Timing {
  const k = calibrate(fn, budget);
  return summarize(sampleBlocks(fn, k, budget.blocks), k);
}

/** The median per-call time (ms) in one process set aside for it: 25 blocks of ≈20 ms after a two-second warm-up. */
export const measureAlone = (fn: () => unknown, budget: Budget = fullBudget): number =>
  measure(fn, budget.quick ? budget : { ...budget, warmupMs: 2000, blocks: 25 }).median;

/**
 * Times two contenders `a` and `b`, each in a fresh process (`run(name)` starts one and returns its time), in
 * `pairs` alternated pairs, so that load that comes and goes hits both alike: in one shared process each slowed the
 * other down. Returns each one's times and the median of the pairs' ratios b / a.
 */
export function alternate(
  run: (name: string) => number,
  a: string,
  b: string,
  pairs: number,
): { a: number[]; b: number[]; ratio: number } {
  const ta: number[] = [],
    tb: number[] = [],
    ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    ta.push(run(a));
    tb.push(run(b));
    ratios.push(tb[i] / ta[i]);
  }
  return { a: ta, b: tb, ratio: median(ratios) };
}

/**
 * The environment for a child process that times code rather than the memory system: glibc's trim threshold and
 * top pad raised, so that memory the GC frees in bulk is not handed back and faulted in again (bench/README.md).
 */
export const untrimmedEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  MALLOC_TRIM_THRESHOLD_: String(2 ** 30),
  MALLOC_TOP_PAD_: String(2 ** 26),
});

/** The median of `values` (unsorted). */
export const median = (values: readonly number[]): number =>
  quantile(
    values.slice().sort((p, q) => p - q),
    0.5,
  );

/** One line of a workload table. */
export interface Row {
  peer: string;
  dtype: string;
  timing?: Timing;
  /** Why there is no timing (unsupported, failed…). */
  note?: string;
  /** Extra columns, e.g. steps/s, GFLOP/s, final x, y. */
  extra?: Record<string, string>;
  /** Whether this row is the hand-written loop (the ratio's second reference). */
  hand?: boolean;
  /** Whether this row is gradtape's own (excluded from "best peer"). */
  ours?: boolean;
}

/** Formats a duration given in ms with a unit that keeps 3 significant digits. */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  // thresholds just below each unit boundary, so 999.7 ns prints as 1.00 µs rather than 1.00e+3 ns
  if (ms < 0.9995e-3) return `${(ms * 1e6).toPrecision(3)} ns`;
  if (ms < 0.9995) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 999.5) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

const fmtRatio = (r: number): string => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)) + '×';

/**
 * Renders a workload's rows as a Markdown table. "vs best peer" divides each row's median by the fastest
 * non-gradtape, non-hand peer; "vs hand" by the hand-written loop with the same dtype (below 1 = faster).
 */
export function table(title: string, rows: Row[]): string {
  const timed = rows.filter((r) => r.timing);
  const peers = timed.filter((r) => !r.ours && !r.hand);
  const extraKeys = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const head = ['peer', 'dtype', 'median', 'p10–p90', 'vs best peer', 'vs hand', ...extraKeys];
  const lines = [`### ${title}`, '', `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const cells = [r.peer, r.dtype];
    if (r.timing) {
      const best = peers
        .filter((p) => p.dtype === r.dtype)
        .reduce<number>((m, p) => Math.min(m, p.timing!.median), Infinity);
      const hand = timed.find((p) => p.hand && p.dtype === r.dtype) ?? timed.find((p) => p.hand);
      cells.push(
        fmtTime(r.timing.median),
        `${fmtTime(r.timing.p10)} – ${fmtTime(r.timing.p90)}`,
        Number.isFinite(best) ? fmtRatio(r.timing.median / best) : '–',
        hand ? fmtRatio(r.timing.median / hand.timing!.median) : '–',
      );
    } else {
      cells.push('–', '–', '–', '–');
    }
    for (const k of extraKeys) cells.push(r.extra?.[k] ?? '');
    if (r.note) cells[2] = r.timing ? `${cells[2]} (${r.note})` : r.note;
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** CPU model, cores, memory, Node and V8 versions. */
export function machineInfo(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; OS: ${os.type()} ${os.release()} ${os.arch()}`,
    // other processes on a 2-core machine move every number: say how busy it was
    `- load average (1/5/15 min) when the tables were printed: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
    `- Node ${process.version} (V8 ${process.versions.v8}); WebAssembly SIMD: ${simdSupported() ? 'yes' : 'no'} (gradtape matmul: ${wasmGemmAvailable() ? 'wasm SIMD kernel' : 'JS loops'})`,
  ].join('\n');
}
