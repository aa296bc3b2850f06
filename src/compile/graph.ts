/**
 * @file The traced graph: running a function once with the engine's tracer on records every primitive it
 * applies; this file turns that recording into slots (values) and nodes (primitive applications), folding
 * constants, merging duplicate computations and dropping dead ones.
 */
import { state, pausing, type Recorder } from '../core/engine.js';
import type { PrimitiveDef } from '../core/primitive.js';
import type { DType } from '../core/dtype.js';
import type { Handle } from '../core/device.js';
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import { sameShape } from '../core/shape.js';
import { isFusable } from './fusable.js';

/** Where a slot's value comes from: a jit argument, a Variable read, a constant, a node, or a view of another slot. */
export type SlotKind = 'input' | 'var' | 'const' | 'node' | 'view';

export interface Slot {
  kind: SlotKind;
  shape: number[];
  dtype: DType;
  size: number;
  /** The slot whose storage this one uses: itself, or for a view (reshape, stopGradient…) its source's root. */
  root: number;
  /** Argument leaf index (input) or Variable index (var). */
  index: number;
  /** The value, for constants. */
  value?: Tensor;
}

export interface GNode {
  def: PrimitiveDef;
  params: unknown;
  ins: number[];
  out: number;
}

export interface Graph {
  slots: Slot[];
  /** Live nodes in execution order. */
  nodes: GNode[];
  /** Slot of each dynamic argument leaf. */
  inputs: number[];
  /** Variables read while tracing (implicit inputs), with their slot. */
  vars: { v: Variable; slot: number }[];
  /** Variables the function assigned, and the slot holding the value it assigned last. */
  writes: { v: Variable; slot: number }[];
  /** Slot of each tensor leaf of the result. */
  outputs: number[];
}

interface Rec {
  def: PrimitiveDef;
  inputs: Tensor[];
  out: Tensor;
  params: unknown;
}

/** Primitives that only re-label storage (tensors are immutable, so sharing it is safe). */
const VIEW_OPS = new Set(['reshape', 'stopGradient']);

/** Params that are plain data can key common-subexpression elimination; anything else opts out. */
function paramsKey(p: unknown): string | null {
  if (p === undefined) return '';
  if (typeof p === 'number' || typeof p === 'string') return String(p);
  if (Array.isArray(p) && p.every((e) => typeof e === 'number')) return p.join(',');
  return null;
}

/** A Variable's value, read without telling any tape. */
const peek = (v: Variable): Tensor => pausing(state.recorders, () => v.value());

/**
 * Runs `f` with the tracer on and returns its result and the recording. Outer tapes and accumulators are
 * hidden while it runs (the jitted call is recorded on them as one node instead), so `f` behaves exactly as
 * it would eagerly, tapes it creates itself included.
 */
export function record<R>(f: () => R): { result: R; recs: Rec[]; reads: Map<Variable, Tensor> } {
  const recs: Rec[] = [];
  const reads = new Map<Variable, Tensor>();
  const recorder: Recorder = {
    consider() {
      /* nodes arrive through the tracer, which also sees paused regions */
    },
    variableRead(v, value) {
      if (!reads.has(v as Variable)) reads.set(v as Variable, value);
    },
  };
  const saved = { recorders: state.recorders, accumulators: state.accumulators, tracer: state.tracer };
  state.recorders = [recorder];
  state.accumulators = [];
  state.tracer = (def, inputs, out, params) => {
    recs.push({ def, inputs, out, params });
  };
  let result: R;
  try {
    result = f();
  } finally {
    state.recorders = saved.recorders;
    state.accumulators = saved.accumulators;
    state.tracer = saved.tracer;
  }
  return { result, recs, reads };
}

/** Builds the graph from a recording: `leaves` are the argument tensors, `outs` the result's tensor leaves. */
export function buildGraph(leaves: Tensor[], recs: Rec[], reads: Map<Variable, Tensor>, outs: Tensor[]): Graph {
  const slots: Slot[] = [];
  const byId = new Map<number, number>();
  const byData = new Map<Handle, number>();
  const add = (kind: SlotKind, t: Tensor, index = -1, root = -1): number => {
    const s = slots.length;
    slots.push({
      kind,
      shape: t.shape,
      dtype: t.dtype,
      size: t.size,
      root: root < 0 ? s : root,
      index,
      value: kind === 'const' ? t : undefined,
    });
    byId.set(t.id, s);
    if (!byData.has(t._buf)) byData.set(t._buf, s);
    return s;
  };
  const inputs = leaves.map((t, k) => (byId.has(t.id) ? byId.get(t.id)! : add('input', t, k)));
  const vars: Graph['vars'] = [];
  for (const [v, t] of reads) if (!byId.has(t.id)) vars.push({ v, slot: add('var', t, vars.length) });

  /** A tensor's slot: known by identity, else a view of known storage (Variable.assign, customGradient…), else a constant. */
  const resolve = (t: Tensor): number => {
    const s = byId.get(t.id);
    if (s !== undefined) return s;
    const d = byData.get(t._buf);
    if (d !== undefined && slots[d].size === t.size && slots[d].dtype === t.dtype) {
      if (sameShape(slots[d].shape, t.shape)) {
        byId.set(t.id, d);
        return d;
      }
      return add('view', t, -1, slots[d].root);
    }
    return add('const', t);
  };

  const nodes: GNode[] = [];
  const cse = new Map<string, number>();
  for (const r of recs) {
    const ins = r.inputs.map(resolve);
    if (byId.has(r.out.id)) continue; // an op returning its input unchanged
    const allConst = ins.every((s) => slots[slots[s].root].kind === 'const');
    // fold constant work, except large elementwise results a fused loop can compute for free (a broadcast seed)
    if (allConst && !(r.out.size > 1 && isFusable(r.def, r.inputs, r.out, r.params))) {
      add('const', r.out);
      continue;
    }
    if (VIEW_OPS.has(r.def.name) && ins.length === 1) {
      add('view', r.out, -1, slots[ins[0]].root);
      continue;
    }
    const pk = paramsKey(r.params);
    const key = pk === null ? null : `${r.def.name}|${ins.join(',')}|${pk}`;
    const hit = key === null ? undefined : cse.get(key);
    if (hit !== undefined && sameShape(slots[hit].shape, r.out.shape) && slots[hit].dtype === r.out.dtype) {
      byId.set(r.out.id, hit);
      if (!byData.has(r.out._buf)) byData.set(r.out._buf, hit);
      continue;
    }
    const out = add('node', r.out);
    if (key !== null) cse.set(key, out);
    nodes.push({ def: r.def, params: r.params, ins, out });
  }
  const outputs = outs.map(resolve);
  const writes: Graph['writes'] = [];
  for (const [v, first] of reads) {
    const now = peek(v);
    if (now._buf !== first._buf) writes.push({ v, slot: resolve(now) });
  }
  return {
    slots,
    nodes: liveNodes(slots, nodes, [...outputs, ...writes.map((w) => w.slot)]),
    inputs,
    vars,
    writes,
    outputs,
  };
}

/** Drops nodes nothing live depends on (a tape's unused forward values, cotangents of constants…). */
function liveNodes(slots: Slot[], nodes: GNode[], roots: number[]): GNode[] {
  const live = new Set(roots.map((s) => slots[s].root));
  const keep: boolean[] = new Array(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (!live.has(nodes[i].out)) continue;
    keep[i] = true;
    for (const s of nodes[i].ins) live.add(slots[s].root);
  }
  return nodes.filter((_, i) => keep[i]);
}
