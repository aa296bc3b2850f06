/**
 * @file Fusion: partitions a traced graph into steps — fused loops over chains of elementwise nodes of one
 * size (full `sum` reductions accumulated in the same loop), and eager nodes for everything else (matmul,
 * axis reductions, movement ops) — then builds each loop's elementwise IR, which the backend lowers.
 */
import type { Graph, GNode, Slot } from './graph.js';
import { isFusable, memberExp } from './fusable.js';
import { cast, input, konst, type Exp } from '../ir/exp.js';
import type { KernelSpec } from '../ir/kernel.js';
import { backend, type FusedKernel } from '../backends/backend.js';
import type { Tensor } from '../core/tensor.js';

/** One fused loop: `members` in order; `ins`/`outs` are root slots read from and written to memory. */
export interface GroupStep {
  kind: 'group';
  n: number;
  members: GNode[];
  /** Members that are full sums (their output is a scalar accumulated across the loop). */
  reductions: Set<number>;
  ins: number[];
  outs: number[];
  /** The slots of `outs` (dtype, shape and size of each output). */
  outSlots: Slot[];
  /** The loop as IR: what the backend lowered into `kernel`. */
  spec: KernelSpec;
  /** The loop's code as the backend describes it (for `inspect`). */
  source: string;
  /** The loop compiled by the backend that was active when it was traced. */
  kernel: FusedKernel;
}
export interface EagerStep {
  kind: 'eager';
  node: GNode;
}
export type Step = GroupStep | EagerStep;

export interface FuseOptions {
  /** Let float32 loops use fast math (the kernel spec's `fastMath`: double-precision intermediates, fast sin/cos/exp). */
  fastMath?: boolean;
}

interface Group {
  n: number;
  members: GNode[];
  reductions: Set<number>;
  closed: boolean;
}

/**
 * Most nodes fused into one loop. Each member is a local of the generated kernel, and a kernel of tens of
 * thousands of locals overflows V8's stack when called (`jit(grad(f))` of a 10,000-op chain threw a raw
 * RangeError); past a few hundred members V8 also stops optimising the kernel, so longer chains gain nothing
 * from one loop. A full group is closed and the chain goes on in the next, its boundary value stored once.
 */
export const MAX_GROUP_MEMBERS = 512;

/** A `sum` over every axis of a non-scalar input: fused as an accumulator. */
const isFullSum = (node: GNode, slots: Slot[]): boolean =>
  node.def.name === 'sum' && slots[node.out].size === 1 && slots[node.ins[0]].size !== 1;

/** A `sum` of a one-element tensor is a copy. */
const isTrivialSum = (node: GNode, slots: Slot[]): boolean =>
  node.def.name === 'sum' && slots[node.out].size === 1 && slots[node.ins[0]].size === 1;

/** Partitions `g` into steps in a valid execution order. */
export function schedule(g: Graph, opts: FuseOptions = {}): Step[] {
  const { slots } = g;
  const root = (s: number): number => slots[s].root;
  const owner = new Map<number, Group>();
  const open = new Map<number, Group>();
  const order: (Group | GNode)[] = [];
  const close = (gr: Group): void => {
    if (gr.closed) return;
    gr.closed = true;
    order.push(gr);
    if (open.get(gr.n) === gr) open.delete(gr.n);
  };
  // a value produced by an open group must be complete before anything outside the group (or a reduction's consumer) reads it
  const need = (s: number, into: Group | undefined): void => {
    const r = root(s),
      o = owner.get(r);
    if (o && !o.closed && (o !== into || o.reductions.has(r))) close(o);
  };
  for (const node of g.nodes) {
    const out = slots[node.out];
    const full = isFullSum(node, slots);
    if (
      full ||
      isTrivialSum(node, slots) ||
      isFusable(
        node.def,
        node.ins.map((s) => slots[s]),
        out,
        node.params,
      )
    ) {
      const key = full ? slots[node.ins[0]].size : out.size;
      for (const s of node.ins) need(s, open.get(key));
      let gr = open.get(key);
      if (!gr) {
        gr = { n: key, members: [], reductions: new Set(), closed: false };
        open.set(key, gr);
      }
      gr.members.push(node);
      owner.set(node.out, gr);
      if (full) gr.reductions.add(node.out);
      if (gr.members.length >= MAX_GROUP_MEMBERS) close(gr);
    } else {
      for (const s of node.ins) need(s, undefined);
      order.push(node);
    }
  }
  for (const gr of [...open.values()]) close(gr);

  // which group members must be written to memory: those read by another step, a result, or a Variable write
  const external = new Set<number>([...g.outputs, ...g.writes.map((w) => w.slot)].map(root));
  for (const st of order) {
    if ('def' in st) {
      for (const s of st.ins) external.add(root(s));
      continue;
    }
    for (const m of st.members) for (const s of m.ins) if (owner.get(root(s)) !== st) external.add(root(s));
  }
  return order.map((st) => ('def' in st ? { kind: 'eager', node: st } : lower(st, slots, external, opts)));
}

/** Builds the IR of one group's loop and has the backend lower it. */
function lower(gr: Group, slots: Slot[], external: Set<number>, opts: FuseOptions): GroupStep {
  const root = (s: number): number => slots[s].root;
  const fastMath = opts.fastMath === true;
  const ins: number[] = [],
    inputs: KernelSpec['inputs'][number][] = [];
  const env = new Map<number, Exp>();
  const valueOf = (s: number): Exp => {
    const r = root(s),
      slot = slots[r];
    let e = env.get(r);
    if (e === undefined) {
      // scalar constants become literals, so V8 folds e.g. mulNoNan's zero test against a constant 1 away
      const known = slot.kind === 'const' && slot.size === 1 ? knownScalar(slot.value!) : undefined;
      if (known !== undefined) e = konst(known, slot.dtype);
      else {
        e = input(ins.length, slot.dtype);
        ins.push(r);
        inputs.push(slot.dtype);
      }
      env.set(r, e);
    }
    return e;
  };
  for (const m of gr.members) {
    const args = m.ins.map(valueOf);
    // a full sum's member is the value summed; the loop accumulates it
    env.set(m.out, gr.reductions.has(m.out) ? args[0] : memberExp(m.def, args, slots[m.out].dtype, m.params, fastMath));
  }
  const outs = gr.members.map((m) => m.out).filter((s) => external.has(s) || gr.reductions.has(s));
  // a sum's values take its dtype (a cast), as the eager reduction converts them
  const spec: KernelSpec = {
    inputs,
    outputs: outs.map((s) =>
      gr.reductions.has(s) ? { exp: cast(env.get(s)!, slots[s].dtype), sum: true } : { exp: env.get(s)! },
    ),
    fastMath,
  };
  const kernel = backend().compile(spec);
  return {
    kind: 'group',
    n: gr.n,
    members: gr.members,
    reductions: gr.reductions,
    ins,
    outs,
    outSlots: outs.map((s) => slots[s]),
    spec,
    source: kernel.source,
    kernel,
  };
}

/**
 * The value of a one-element constant, when the host knows it: read from storage where the backend reads
 * synchronously, else the JS number a weak scalar came from (rounded as its dtype stores it); else undefined
 * (the constant stays a kernel input).
 */
function knownScalar(t: Tensor): number | undefined {
  if (t._device.syncRead) return t._read('jit')[0];
  if (!t._weak) return undefined;
  return t.dtype === 'float32' ? Math.fround(t._scalar) : t.dtype === 'int32' ? t._scalar | 0 : t._scalar;
}
