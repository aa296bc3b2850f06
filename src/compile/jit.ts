/**
 * @file `jit(f)`: traces `f` once per argument signature (shapes, dtypes, structure) into the primitive
 * graph, fuses its elementwise chains — forward and backward, when `f` computes gradients — into generated
 * loops, caches the plan, and replays it on later calls. A jitted call made while a tape records is put on
 * the tape as one node whose VJP is itself a jitted function (so gradients of any order work); under a
 * forward-mode accumulator, anomaly detection, or inside another trace, `f` simply runs eagerly.
 */
import { state, type Recorder } from '../core/engine.js';
import { optionsOf } from '../core/suggest.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { type Tensor, describe } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import { isFloat } from '../core/dtype.js';
import { sameShape } from '../core/shape.js';
import { currentDevice, type Device } from '../core/device.js';
import { GradientTape } from '../autodiff/tape.js';
import { record, buildGraph } from './graph.js';
import { makePlan, execute, valueOf, describePlan, type Plan } from './plan.js';
import { analyzeArgs, flattenResult, fastSigOf, fitsFastSig, type ArgTemplate, type FastSig } from './args.js';

export interface JitOptions {
  /**
   * Float32 loops use the fast sin/cos/exp of backends/cpu/fastmath.ts and keep intermediates in double precision,
   * rounding once per stored value (default true; results then agree with eager to float32 rounding rather
   * than bit for bit). Float64 loops always use Math.* and match eager exactly.
   */
  fastMath?: boolean;
}

/** A jitted function: call it like `f`; `inspect` shows what the compiler made of a call's signature. */
export type Jitted<F extends (...args: any[]) => any> = F & {
  /** The fused loops and eager steps compiled for these arguments (traces them if needed). */
  inspect(...args: Parameters<F>): { groups: number; eager: string[]; sources: string[]; nodes: number };
  /** Number of signatures compiled so far. */
  readonly cacheSize: number;
};

interface Entry {
  plan: Plan;
  template: ArgTemplate;
  /** Rebuilds the result from slot values. */
  rebuild: (values: unknown[]) => unknown;
  /** Lazily made VJP function of each output leaf. */
  vjps: ((...xs: Tensor[]) => (Tensor | null)[])[];
}

/**
 * Compiles `f` (a function of tensors returning tensors, or arrays/objects of them) into fused loops, traced
 * once per input shape/dtype. `f` must be pure in its tensors: JavaScript-side effects and values read out of
 * tensors (`item()`, `toArray()`, random numbers) happen once, at trace time. Variables it reads are implicit
 * inputs and Variables it assigns are assigned again on every call.
 * @example
 * const step = jit((x) => { const [v, g] = valueAndGrad((t) => sum(add(mul(5, sin(mul(2, t))), square(t))))(x); return [v, g]; });
 * step(linspace(-5, 5, 1000)); // one loop computes the value and the gradient
 */
export function jit<F extends (...args: any[]) => any>(f: F, opts: JitOptions = {}): Jitted<F> {
  if (typeof f !== 'function') throw new TypeError(`jit: f must be a function; got ${describe(f)}`);
  if (opts === null || typeof opts !== 'object')
    throw new TypeError(`jit: options must be an object { fastMath? }; got ${describe(opts)}`);
  const fastMath = optionsOf(opts, 'jit', ['fastMath']).fastMath ?? true;
  const cache = new Map<string, Entry>();
  const name = f.name || 'anonymous';

  const compile = (template: ArgTemplate, leaves: Tensor[]): Entry => {
    const { result, recs, reads } = record(() => f(...template.rebuild(leaves)));
    const { tensors, rebuild } = flattenResult(result);
    const graph = buildGraph(leaves, recs, reads, tensors);
    // tracing ran f for real: undo its Variable assignments, so the replay that follows applies them exactly once
    for (const { v } of graph.writes) v.assign(reads.get(v)!);
    return { plan: makePlan(graph, { fastMath }), template, rebuild, vjps: [] };
  };

  // the last signature seen, checked first without building a key (a training loop calls with one signature)
  let last: { e: Entry; sig: FastSig; device: Device } | null = null;
  const lookup = (args: unknown[]): { e: Entry; leaves: Tensor[] } => {
    const device = currentDevice();
    if (last !== null && last.device === device && fitsFastSig(args, last.sig) && varsFit(last.e.plan))
      return { e: last.e, leaves: args as Tensor[] };
    const analyzed = analyzeArgs(args, 'jit');
    const { leaves, template } = analyzed;
    // a plan holds its backend's kernels and constants: each backend traces its own
    const key = `${device.name}|${analyzed.key}`;
    let e = cache.get(key);
    if (e && !varsFit(e.plan)) e = undefined;
    if (!e) {
      e = compile(template, leaves);
      // a function called with ever-new shapes would otherwise keep every plan: drop the oldest
      if (cache.size >= MAX_SIGNATURES) cache.delete(cache.keys().next().value!);
      cache.set(key, e);
    }
    const sig = fastSigOf(args, leaves);
    last = sig ? { e, sig, device } : null;
    return { e, leaves };
  };

  const jitted = function (this: unknown, ...args: unknown[]): unknown {
    if (state.tracer !== null || state.accumulators.length !== 0 || state.anomaly !== 0) return f.apply(this, args);
    const { e, leaves } = lookup(args);
    const graph = e.plan.graph;
    const varValues = graph.vars.length === 0 ? NO_TENSORS : graph.vars.map(({ v }) => v.value());
    const env = execute(e.plan, leaves, varValues);
    for (let i = 0; i < graph.writes.length; i++) graph.writes[i].v.assign(valueOf(e.plan, env, graph.writes[i].slot));
    const outs = new Array<Tensor>(graph.outputs.length);
    for (let i = 0; i < outs.length; i++) outs[i] = valueOf(e.plan, env, graph.outputs[i]);
    if (state.recorders.length !== 0) recordCall(e, [...leaves, ...varValues], outs, f, name, fastMath);
    return e.rebuild(outs);
  } as Jitted<F>;

  Object.defineProperty(jitted, 'name', { value: `jit(${name})` });
  Object.defineProperty(jitted, 'cacheSize', { get: () => cache.size });
  jitted.inspect = (...args: Parameters<F>) => describePlan(lookup(args).e.plan);
  return jitted;
}

const NO_TENSORS: Tensor[] = [];
/** Plans kept per jitted function (least recently compiled dropped first). */
const MAX_SIGNATURES = 64;

/** Variables read at trace time must still have the shape and dtype the plan was built for. */
function varsFit(plan: Plan): boolean {
  for (const { v, slot } of plan.graph.vars) {
    const s = plan.graph.slots[slot];
    if (v.dtype !== s.dtype || !sameShape(v.shape, s.shape)) return false;
  }
  return true;
}

/**
 * Puts the call on every recording tape: one node per float output, whose VJP replays `f` forward and
 * backward under a tape (itself jitted, so gradients of gradients are compiled too).
 */
function recordCall(
  e: Entry,
  inputs: Tensor[],
  outs: Tensor[],
  f: (...a: any[]) => any,
  name: string,
  fastMath: boolean,
): void {
  const rs: Recorder[] = state.recorders;
  outs.forEach((out, k) => {
    if (
      !isFloat(out.dtype) ||
      inputs.includes(out) ||
      outs.indexOf(out) !== k || // the same tensor returned twice is one output
      e.plan.graph.slots[e.plan.graph.outputs[k]].kind === 'const'
    )
      return;
    const def: Pick<PrimitiveDef, 'name' | 'vjp'> = {
      name: `jit(${name})[${k}]`,
      vjp: (g, ins) => vjpOf(e, k, f, fastMath)(...ins, g),
    };
    for (let i = 0; i < rs.length; i++) rs[i].consider({ def, inputs, out, params: undefined });
  });
}

/** The jitted VJP of output `k`: gradients for each argument leaf, then each Variable read. */
function vjpOf(
  e: Entry,
  k: number,
  f: (...a: any[]) => any,
  fastMath: boolean,
): (...xs: Tensor[]) => (Tensor | null)[] {
  if (e.vjps[k]) return e.vjps[k];
  const nLeaves = e.plan.graph.inputs.length;
  const vars = e.plan.graph.vars.map(({ v }) => v);
  const backward = (...xs: Tensor[]): (Tensor | null)[] => {
    const g = xs[xs.length - 1];
    const leaves = xs.slice(0, nLeaves);
    const floats = leaves.filter((t) => isFloat(t.dtype));
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(floats);
      return flattenResult(f(...e.template.rebuild(leaves))).tensors[k];
    });
    const srcs: (Tensor | Variable)[] = [...floats, ...vars.filter((v) => isFloat(v.dtype))];
    const grads: (Tensor | null)[] = tape.gradient(y, srcs, { outputGradients: g, unconnectedGradients: 'zero' });
    let at = 0;
    const out: (Tensor | null)[] = leaves.map((t) => (isFloat(t.dtype) ? grads[at++] : null));
    for (const v of vars) out.push(isFloat(v.dtype) ? grads[at++] : null);
    return out;
  };
  Object.defineProperty(backward, 'name', { value: `vjp_${k}` });
  return (e.vjps[k] = jit(backward, { fastMath }));
}
