/**
 * @file One Node process per peer, as BENCH.md asks, driven over IPC so the coordinator can still take every
 * workload's timed blocks in rounds that visit the peers in turn. In one shared process a peer's timings
 * depended on the others: their garbage made V8 grow the young generation (to 16 MB), and a nursery that no
 * longer fits the caches doubled the time of an allocation-heavy 2 µs iteration. Only one process runs at a
 * time: the others wait for their next message.
 *
 * The child side (`servePeer`) holds one workload at a time: `build` makes and calibrates its closure, `sample`
 * times blocks of it, `after` reports its extra columns; `newcomer` runs W7 whole.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Budget, calibrate, rewarm, sampleBlocks, type Timing } from './harness.js';
import { type Peer, type Stepper, type OptimizerKind, type FloatDType, Unsupported } from './workloads.js';
import { Child, serve } from './child.js';

/** What to build, as data (closures cannot cross processes). */
export type WorkSpec =
  | { w: 'w1' }
  | { w: 'w2'; n: number; dtype: FloatDType }
  | { w: 'w3' }
  | { w: 'w6' }
  | { w: 'optimizer'; kind: OptimizerKind; steps: number };

/** A built workload: one iteration, and the extra columns to report after timing. */
interface Built {
  dtype: string;
  fn: () => unknown;
  after?: () => Record<string, string>;
}

/** The answer to `build`: the workload's dtype and block size, or why it does not run. */
export type BuildReply = { dtype: string; k: number } | { note: string };
/** The answer to `newcomer` (W7). */
export type NewcomerReply = { timing: Timing; extra: Record<string, string> } | { note: string };

type Request =
  | { op: 'build'; spec: WorkSpec }
  | { op: 'sample'; blocks: number }
  | { op: 'after' }
  | { op: 'newcomer'; steps: number };

/** The dtype a peer's library computes in (TF.js and jax-js run float32). */
export const peerDtype = (p: Peer): string =>
  p.name.startsWith('TF') || p.name.startsWith('jax') ? 'float32' : p.dtype;

/** The message a failure leaves in the table: an Unsupported reason as it is, anything else as "failed: …". */
export const noteOf = (e: unknown): string =>
  e instanceof Unsupported ? e.message : `failed: ${(e as Error).message.split('\n')[0].slice(0, 120)}`;

function build(p: Peer, spec: WorkSpec): Built | null {
  switch (spec.w) {
    case 'w1':
      return p.w1 ? { dtype: peerDtype(p), fn: p.w1() } : null;
    case 'w2':
      return p.w2 ? { dtype: spec.dtype, fn: p.w2(spec.n, spec.dtype) } : null;
    case 'w3':
      return p.w3 ? { dtype: peerDtype(p), fn: p.w3() } : null;
    case 'w6':
      return p.w6 ? { dtype: 'float32', fn: p.w6() } : null;
    case 'optimizer': {
      if (!p.optimizer) return null;
      // one stepper is timed; a fresh one runs exactly `steps` steps for the final x, y
      const s = p.optimizer(spec.kind);
      return {
        dtype: peerDtype(p),
        fn: () => s.step(),
        after: () => {
          const fresh: Stepper = p.optimizer!(spec.kind);
          for (let i = 0; i < spec.steps; i++) fresh.step();
          const [x, y] = fresh.state();
          return { [`x, y after ${spec.steps} steps`]: `${x.toFixed(5)}, ${y.toFixed(5)}` };
        },
      };
    }
  }
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)}`;

/** W7: the newcomer's loop, with heap and RSS after a forced GC before and after. */
function newcomer(p: Peer, steps: number, gc: () => void): NewcomerReply | null {
  if (!p.newcomer) return null;
  const s = p.newcomer();
  for (let i = 0; i < 100; i++) s.step();
  gc();
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) s.step();
  const per = (performance.now() - t0) / steps;
  gc();
  gc();
  const after = process.memoryUsage();
  return {
    timing: { median: per, p10: per, p90: per, iters: steps },
    extra: {
      'heap MiB before → after': `${mib(before.heapUsed)} → ${mib(after.heapUsed)}`,
      'RSS MiB before → after': `${mib(before.rss)} → ${mib(after.rss)}`,
      'growth per 1k steps': `${((after.heapUsed - before.heapUsed + after.external - before.external) / (steps / 1000) / 1024).toFixed(1)} KiB`,
    },
  };
}

/** The child's side: makes the peer, then answers requests until disconnected. */
export async function servePeer(make: () => Promise<Peer>, budget: Budget): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (o?: object) => void;
  let peer!: Peer;
  let current: (Built & { k: number }) | null = null;
  await serve(
    async () => {
      peer = await make();
      return { ours: peer.ours === true, hand: peer.hand === true, dtype: peerDtype(peer) };
    },
    (req: Request) => {
      switch (req.op) {
        case 'build': {
          current = null; // let the previous workload's data go before building the next
          try {
            const b = build(peer, req.spec);
            if (!b) return { note: 'n/a' };
            current = { ...b, k: calibrate(b.fn, budget) };
            return { dtype: b.dtype, k: current.k };
          } catch (e) {
            return { note: noteOf(e) };
          }
        }
        case 'sample': {
          // collect young garbage now, untimed, so that it is not paid inside the blocks
          gc({ type: 'minor' });
          try {
            if (budget.rewarmMs > 0) rewarm(current!.fn, budget.rewarmMs);
            return { samples: sampleBlocks(current!.fn, current!.k, req.blocks) };
          } catch (e) {
            return { note: noteOf(e) };
          }
        }
        case 'after':
          try {
            return { extra: current?.after?.() ?? {} };
          } catch (e) {
            return { extra: { note: noteOf(e) } };
          }
        case 'newcomer':
          current = null;
          try {
            return newcomer(peer, req.steps, gc) ?? { note: 'n/a' };
          } catch (e) {
            return { note: noteOf(e) };
          }
      }
    },
  );
}

/** The coordinator's handle on one peer's process. */
export class PeerProcess {
  private constructor(
    readonly name: string,
    readonly ours: boolean,
    readonly hand: boolean,
    readonly dtype: string,
    readonly child: Child,
  ) {}

  /** Starts `script` with `--peer=<name>` (and this process's arguments) and waits until the peer is ready. */
  static async start(script: string, name: string): Promise<PeerProcess> {
    const { child, hello } = await Child.start(script, [`--peer=${name}`], name);
    return new PeerProcess(name, hello.ours === true, hello.hand === true, String(hello.dtype), child);
  }

  build(spec: WorkSpec): Promise<BuildReply> {
    return this.child.call({ op: 'build', spec });
  }
  sample(blocks: number): Promise<{ samples: number[] } | { note: string }> {
    return this.child.call({ op: 'sample', blocks });
  }
  after(): Promise<{ extra: Record<string, string> }> {
    return this.child.call({ op: 'after' });
  }
  newcomer(steps: number): Promise<NewcomerReply> {
    return this.child.call({ op: 'newcomer', steps });
  }
  close(): void {
    this.child.close();
  }
}
