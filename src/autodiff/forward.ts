/** @file Forward-mode autodiff: a ForwardAccumulator carries tangents alongside values through each primitive's JVP. */
import { state, checkTangent, type Accumulator } from '../core/engine.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { type Tensor, describe } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { Variable } from '../core/variable.js';
import { isFloat } from '../core/dtype.js';
import { fmtShape, sameShape } from '../core/shape.js';
import { flatten } from '../core/structure.js';
import { zerosLike } from '../primitives/creation-internal.js';
import { cast } from '../primitives/shape-ops.js';
import type { GradientsOf, Sources } from '../core/gradient-types.js';
import { checkOptions } from './tape-args.js';

/**
 * Forward-mode accumulator, like `tf.autodiff.ForwardAccumulator`: computes Jacobian-vector products
 * while the function runs.
 * @example
 * const x = tensor([1, 2]);
 * const acc = new ForwardAccumulator(x, tensor([1, 0]));
 * const y = acc.record(() => square(x));
 * acc.jvp(y); // → [2, 0]
 */
export class ForwardAccumulator implements Accumulator {
  #tangents = new Map<number, Tensor>();

  constructor(primals: unknown, tangents: unknown) {
    const p = flatten(primals).leaves;
    // an array of primals pairs with an array of tangents entry by entry (so `[a, b]` with `[1, 10]` is two scalar tangents)
    const paired =
      Array.isArray(primals) && Array.isArray(tangents) && primals.length === p.length && tangents.length === p.length;
    const t = paired
      ? tangents
      : flatten(
          tangents,
          (x) => !Array.isArray(x) || typeof x[0] === 'number' || typeof x[0] === 'boolean' || x.length === 0,
        ).leaves;
    if (p.length === 0)
      throw new TypeError(
        `ForwardAccumulator: primals must be a tensor, a Variable or an array of them; got ${describe(primals)}`,
      );
    if (p.length !== t.length)
      throw new Error(`ForwardAccumulator: got ${p.length} primal(s) but ${t.length} tangent(s)`);
    p.forEach((leaf, i) => {
      const v = leaf instanceof Variable ? leaf.value() : leaf;
      if (!isFloat(v.dtype))
        throw new TypeError(
          `ForwardAccumulator: primal ${i} has dtype ${v.dtype}; tangents exist only for float values`,
        );
      const dt = toTensor(t[i] as any, 'ForwardAccumulator', `tangents[${i}]`, v.dtype);
      if (!sameShape(dt.shape, v.shape))
        throw new Error(
          `ForwardAccumulator: tangent ${i} has shape ${fmtShape(dt.shape)} but its primal has shape ${fmtShape(v.shape)}`,
        );
      this.#tangents.set(v.id, dt);
    });
  }

  /** Runs `fn` while this accumulator pushes tangents forward; returns what `fn` returns. */
  record<T>(fn: () => T): T {
    if (typeof fn !== 'function')
      throw new TypeError(`ForwardAccumulator.record: fn must be a function; got ${describe(fn)}`);
    state.accumulators = [...state.accumulators, this];
    try {
      return fn();
    } finally {
      state.accumulators = state.accumulators.filter((a) => a !== this);
    }
  }

  /** The tangent of `t` (or of each tensor in an array): null, or zeros with `unconnectedGradients: 'zero'`. */
  jvp<const T extends Sources>(t: T, opts: { unconnectedGradients: 'zero' }): GradientsOf<T, Tensor>;
  jvp<const T extends Sources>(t: T, opts?: { unconnectedGradients?: 'none' | 'zero' }): GradientsOf<T>;
  jvp(t: Sources, opts?: { unconnectedGradients?: 'none' | 'zero' }): unknown {
    checkOptions('ForwardAccumulator.jvp', opts);
    const { leaves, rebuild } = flatten(t);
    if (leaves.length === 0)
      throw new TypeError(`ForwardAccumulator.jvp: expected a tensor or an array of tensors; got ${describe(t)}`);
    return rebuild(
      leaves.map((l) => {
        const v = l instanceof Variable ? l.value() : l;
        const dt = this.#tangents.get(v.id) ?? null;
        if (dt) return dt.dtype === v.dtype ? dt : cast(dt, v.dtype);
        return opts?.unconnectedGradients === 'zero' ? zerosLike(v) : null;
      }),
    );
  }

  /** @internal Runs the primitive's tangent rule when one of its inputs has a tangent. */
  pushForward(def: PrimitiveDef, inputs: Tensor[], out: Tensor, params: unknown): void {
    const tangents = inputs.map((x) => this.tangentOf(x));
    if (tangents.every((t) => t === null)) return;
    // the rule's own ops must not feed back into this accumulator, while outer accumulators and tapes keep
    // watching them: that is what makes nested forward mode work. Like a VJP, a JVP rule is judged by its
    // result, not by its intermediates (sqrt'(0) = Inf).
    const saved = state.accumulators,
      anomaly = state.anomaly;
    state.accumulators = saved.filter((a) => a !== this);
    state.anomaly = 0;
    let dt: Tensor | null;
    try {
      dt = def.jvp(tangents, inputs, out, params);
    } finally {
      state.accumulators = saved;
      state.anomaly = anomaly;
    }
    if (dt === null) return;
    if (!sameShape(dt.shape, out.shape))
      throw new Error(
        `ForwardAccumulator: the tangent rule of '${def.name}' returned shape ${fmtShape(dt.shape)} for an output of shape ${fmtShape(out.shape)} (a bug in that rule)`,
      );
    if (anomaly !== 0) checkTangent(def.name, tangents, dt, inputs);
    this.setTangent(out, dt);
  }

  /** @internal */
  tangentOf(t: Tensor): Tensor | null {
    return this.#tangents.get(t.id) ?? null;
  }
  /** @internal */
  setTangent(t: Tensor, dt: Tensor): void {
    this.#tangents.set(t.id, dt);
  }
}
