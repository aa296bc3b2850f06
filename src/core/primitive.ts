/** @file What a primitive is: a forward kernel plus its derivative rules, written in differentiable ops. */
import type { Tensor } from './tensor.js';

/**
 * A primitive op. `vjp` and `jvp` are written with library ops (never raw arrays), so derivatives of
 * derivatives work to any order.
 */
export interface PrimitiveDef<P = any> {
  readonly name: string;
  /** Forward computation on validated inputs. */
  impl(inputs: Tensor[], params: P): Tensor;
  /**
   * Cotangent for each input given the output cotangent `g`; `needs[i]` says whether input i wants one
   * (return null when not needed or not differentiable).
   */
  vjp(g: Tensor, inputs: Tensor[], out: Tensor, params: P, needs: readonly boolean[]): (Tensor | null)[];
  /** Output tangent given input tangents (null = zero tangent). */
  jvp(tangents: (Tensor | null)[], inputs: Tensor[], out: Tensor, params: P): Tensor | null;
}

/** A recorded application of a primitive. */
export interface TapeNode {
  readonly def: Pick<PrimitiveDef, 'name' | 'vjp'>;
  readonly inputs: Tensor[];
  readonly out: Tensor;
  readonly params: unknown;
}
