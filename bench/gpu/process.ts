/**
 * @file One Node process per GPU peer (each with its own device), driven over IPC like the CPU peers
 * (peer-process.ts), with asynchronous timing: every timed block ends with an awaited read of the result, since a
 * GPU runs the work after the call that enqueues it has returned.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Child, serve } from '../child.js';
import { noteOf } from '../peer-process.js';
import type { GpuPeer, GpuSpec, GpuWork } from './workloads.js';

/** How hard to measure (see bench/README.md); `quick` is the CI smoke run. */
export interface GpuBudget {
  warmupMs: number;
  blockMs: number;
  blocks: number;
  rounds: number;
}
export const gpuFull: GpuBudget = { warmupMs: 150, blockMs: 20, blocks: 15, rounds: 5 };
export const gpuQuick: GpuBudget = { warmupMs: 0, blockMs: 1, blocks: 2, rounds: 1 };

/** `k` iterations, with the read that waits for the GPU after each (G2, G6) or after the last (G8). */
async function block(w: GpuWork, k: number): Promise<void> {
  for (let i = 0; i < k; i++) {
    w.step();
    if (w.syncEach) await w.sync();
  }
  if (!w.syncEach) await w.sync();
}

/** The child's side: makes the peer (a failure is reported, and the row says "skipped: …"), then serves. */
export async function serveGpuPeer(make: () => Promise<GpuPeer>, budget: GpuBudget): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  let peer!: GpuPeer;
  let work: GpuWork | null = null;
  let k = 1;
  await serve(
    async () => {
      peer = await make();
      return { ours: peer.ours === true, adapter: peer.adapter };
    },
    async (req: { op: 'build'; spec: GpuSpec } | { op: 'sample'; blocks: number } | { op: 'after' }) => {
      try {
        if (req.op === 'build') {
          work = null;
          gc(); // the last workload's tensors hold GPU buffers until collected
          const make = peer[req.spec.g];
          if (!make) return { note: 'n/a' };
          work = make.call(peer, req.spec.n);
          // a collection between warm-up iterations, untimed: gradtape's GPU buffers return to its pool only when
          // their tensors are collected, and V8, seeing a small heap, would not collect while gigabytes of GPU
          // memory pile up (an eager G2 step at 10⁸ points leaves about 4 GB)
          const t0 = performance.now();
          let calls = 0,
            busy = 0;
          do {
            gc();
            const t = performance.now();
            await block(work, 1);
            busy += performance.now() - t;
            calls++;
          } while (performance.now() - t0 < budget.warmupMs || calls < 2);
          k = Math.max(1, Math.round(budget.blockMs / (busy / calls)));
          return { k };
        }
        if (req.op === 'sample') {
          const samples: number[] = [];
          for (let b = 0; b < req.blocks; b++) {
            gc(); // untimed, as above: a block of ≈20 ms then holds at most its own iterations' buffers
            const t0 = performance.now();
            await block(work!, k);
            samples.push((performance.now() - t0) / k);
          }
          return { samples };
        }
        const bad = await work?.check?.();
        return { extra: bad ? { check: bad } : {} };
      } catch (e) {
        return { note: noteOf(e) };
      }
    },
  );
}

/** How long one request (build, a round of blocks) may take before its peer is given up: `GPU_BENCH_CALL_LIMIT_S`. */
const CALL_LIMIT_MS = 1000 * Number(process.env.GPU_BENCH_CALL_LIMIT_S ?? 180);

/** The coordinator's handle on one GPU peer's process; a call that fails or outlives `limitMs` answers a note. */
export class GpuPeerProcess {
  dead: string | null = null;
  private constructor(
    readonly name: string,
    readonly ours: boolean,
    readonly adapter: string,
    private readonly child: Child,
  ) {}

  /** Starts `script` with `--gpu-peer=<name>`; rejects with the peer's own reason when it cannot start. */
  static async start(script: string, name: string): Promise<GpuPeerProcess> {
    const { child, hello } = await Child.start(script, [`--gpu-peer=${name}`], name);
    return new GpuPeerProcess(name, hello.ours === true, String(hello.adapter), child);
  }

  async call<T extends object>(req: object, limitMs = CALL_LIMIT_MS): Promise<T | { note: string }> {
    if (this.dead) return { note: this.dead };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ note: string }>((resolve) => {
      timer = setTimeout(() => resolve({ note: `failed: no answer in ${limitMs / 1000} s` }), limitMs);
    });
    try {
      const r = await Promise.race([this.child.call<T | { note: string }>(req), late]);
      if ('note' in r && r.note.startsWith('failed: no answer')) this.stop(r.note);
      return r;
    } catch (e) {
      this.dead = `failed: ${(e as Error).message}`;
      return { note: this.dead };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.child.close();
  }

  /** Gives up on the peer (its later rows carry `why`) and ends its process. */
  stop(why: string): void {
    this.dead = why;
    this.child.close();
    this.child.kill();
  }
}
