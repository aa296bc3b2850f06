/**
 * @file The recording state every op consults: the tapes recording, the forward accumulators, the tracer of a
 * `jit` trace, and whether anomaly detection is on. Tapes and accumulators push themselves here while active.
 */
import type { PrimitiveDef, TapeNode } from './primitive.js';
import type { Tensor } from './tensor.js';

/** What the engine needs from a recording tape. */
export interface Recorder {
  /**
   * Records the node if any input is connected to something the tape watches. `node.out` is the tensor this
   * application made: a new one, never shown to a tape before (a primitive's result, a customGradient's alias,
   * a jit call's output).
   */
  consider(node: TapeNode): void;
  /** Called when a Variable is read while this tape records. */
  variableRead(v: object, value: Tensor, trainable: boolean): void;
}

/** What the engine needs from a forward-mode accumulator. */
export interface Accumulator {
  /** Pushes tangents through a primitive just applied (its output's tangent from its inputs'). */
  pushForward(def: PrimitiveDef<any>, inputs: Tensor[], out: Tensor, params: unknown): void;
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

/** Runs `fn` with the given recorders removed from the active set. */
export function pausing<T>(recorders: readonly Recorder[], fn: () => T): T {
  const saved = state.recorders;
  if (saved.length === 0) return fn();
  state.recorders = saved.filter((r) => !recorders.includes(r));
  try {
    return fn();
  } finally {
    state.recorders = saved;
  }
}
