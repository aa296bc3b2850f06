/**
 * @file The engine: `bind` runs a primitive's kernel and lets every active tape and forward accumulator
 * see it. Kept tiny because every op in the library passes through it.
 */
import type { PrimitiveDef, TapeNode } from './primitive.js';
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';

/** What the engine needs from a recording tape. */
export interface Recorder {
  /** Records the node if any input is connected to something the tape watches. */
  consider(node: TapeNode): void;
  /** Called when a Variable is read while this tape records. */
  variableRead(v: object, value: Tensor, trainable: boolean): void;
}

/** What the engine needs from a forward-mode accumulator. */
export interface Accumulator {
  tangentOf(t: Tensor): Tensor | null;
  setTangent(t: Tensor, dt: Tensor): void;
}

/**
 * Sees every primitive application, paused recorders or not: how `jit` traces a function into its graph.
 * At most one is active (a nested `jit` inlines into the outer trace).
 */
export type Tracer = (def: PrimitiveDef<any>, inputs: Tensor[], out: Tensor, params: unknown) => void;

/** Global recording state. Tapes push themselves while their `record(fn)` runs. */
export const state = {
  recorders: [] as Recorder[],
  accumulators: [] as Accumulator[],
  anomaly: 0,
  tracer: null as Tracer | null,
};

/** Runs primitive `def` on `inputs` and records it. */
export function bind<P>(def: PrimitiveDef<P>, inputs: Tensor[], params: P): Tensor {
  const out = def.impl(inputs, params);
  if (state.anomaly !== 0) checkForward(def.name, inputs, out);
  if (state.tracer !== null) state.tracer(def, inputs, out, params);
  const rs = state.recorders;
  if (rs.length !== 0) {
    const node: TapeNode = { def, inputs, out, params };
    for (let i = 0; i < rs.length; i++) rs[i].consider(node);
  }
  if (state.accumulators.length !== 0) pushTangents(def, inputs, out, params);
  return out;
}

function pushTangents<P>(def: PrimitiveDef<P>, inputs: Tensor[], out: Tensor, params: P): void {
  // Each accumulator computes its tangent with itself paused (its own jvp ops must not feed back into it),
  // while outer accumulators and tapes keep watching: that is what makes nested forward mode work.
  const accs = state.accumulators.slice();
  for (const acc of accs) {
    let any = false;
    const tangents = inputs.map((x) => { const t = acc.tangentOf(x); if (t) any = true; return t; });
    if (!any) continue;
    const idx = state.accumulators.indexOf(acc);
    state.accumulators.splice(idx, 1);
    const anomaly = state.anomaly;
    // like the tape's VJPs, a JVP rule is judged by its result, not by its intermediates (sqrt'(0) = Inf)
    state.anomaly = 0;
    try {
      const dt = def.jvp(tangents, inputs, out, params);
      if (dt && (dt.shape.length !== out.shape.length || dt.shape.some((d, i) => d !== out.shape[i]))) {
        throw new Error(`ForwardAccumulator: the tangent rule of '${def.name}' returned shape ${fmtShape(dt.shape)} for an output of shape ${fmtShape(out.shape)} (a bug in that rule)`);
      }
      if (anomaly !== 0 && dt) checkTangent(def.name, tangents, dt, inputs);
      if (dt) acc.setTangent(out, dt);
    } finally {
      state.anomaly = anomaly;
      state.accumulators.splice(idx, 0, acc);
    }
  }
}

/** Runs `fn` with the given recorders removed from the active set. */
export function pausing<T>(recorders: readonly Recorder[], fn: () => T): T {
  const saved = state.recorders;
  state.recorders = saved.filter((r) => !recorders.includes(r));
  try { return fn(); } finally { state.recorders = saved; }
}

/** Raised by anomaly detection: names the op and the shapes involved. */
export class AnomalyError extends Error {
  override name = 'AnomalyError';
}

const hasNonFinite = (t: Tensor): boolean => {
  if (t.dtype !== 'float64' && t.dtype !== 'float32') return false;
  const d = t._data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return true;
  return false;
};

function checkForward(name: string, inputs: Tensor[], out: Tensor): void {
  if (!hasNonFinite(out) || inputs.some(hasNonFinite)) return;
  throw new AnomalyError(`detectAnomaly: the forward pass of '${name}' produced NaN or Inf from finite inputs ` +
    `(inputs ${inputs.map((t) => fmtShape(t.shape)).join(', ')} → output ${fmtShape(out.shape)})`);
}

function checkTangent(name: string, tangents: (Tensor | null)[], dt: Tensor, inputs: Tensor[]): void {
  if (!hasNonFinite(dt) || inputs.some(hasNonFinite) || tangents.some((t) => t !== null && hasNonFinite(t))) return;
  throw new AnomalyError(`detectAnomaly: the forward-mode tangent of '${name}' is NaN or Inf from finite inputs and tangents ` +
    `(inputs ${inputs.map((t) => fmtShape(t.shape)).join(', ')} → tangent ${fmtShape(dt.shape)})`);
}

/** Checks one backward step; used by the tape when anomaly detection is on. */
export function checkBackward(name: string, g: Tensor, grads: (Tensor | null)[], inputs: Tensor[]): void {
  if (hasNonFinite(g)) return;
  grads.forEach((dx, i) => {
    if (dx && hasNonFinite(dx)) {
      throw new AnomalyError(`detectAnomaly: the backward pass of '${name}' produced NaN or Inf in the gradient of input ${i} ` +
        `(shape ${fmtShape(inputs[i].shape)}) from a finite output gradient (shape ${fmtShape(g.shape)})`);
    }
  });
}

/**
 * Runs `fn` with anomaly detection on: the first op whose forward or backward pass turns finite values
 * into NaN/Inf throws an `AnomalyError` naming it.
 * @example detectAnomaly(() => tape.gradient(loss, x));
 */
export function detectAnomaly<T>(fn: () => T): T {
  state.anomaly++;
  try { return fn(); } finally { state.anomaly--; }
}
