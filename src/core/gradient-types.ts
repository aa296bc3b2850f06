/**
 * @file The types at the public gradient signatures: a gradient has the structure of what it is taken with respect
 * to, with `Tensor | null` (or `Tensor`, where unconnected sources get zeros) in place of each tensor or Variable.
 * Types only: the tape and the function transforms check the same shapes at run time.
 */
import type { Tensor, TensorLike } from './tensor.js';
import type { Variable } from './variable.js';

/** What a tape differentiates with respect to: a tensor, a Variable, or arrays/objects of them (a "pytree"). */
export type Sources = Tensor | Variable | readonly Sources[] | { readonly [key: string]: Sources };

/**
 * The gradients of `S`: the same arrays/tuples/objects with `G` for each tensor or Variable (and each tensor-like
 * leaf, such as a number given to `grad(f)`).
 * @example GradientsOf<[Tensor, { w: Variable }]> // [Tensor | null, { w: Tensor | null }]
 */
export type GradientsOf<S, G = Tensor | null> = [Sources] extends [S]
  ? GradientTree<G> // S is not known more precisely than "some sources"
  : S extends Tensor | Variable | number | boolean | ArrayBufferView
    ? G
    : S extends readonly unknown[]
      ? { -readonly [K in keyof S]: GradientsOf<S[K], G> }
      : S extends object
        ? { -readonly [K in keyof S]: GradientsOf<S[K], G> }
        : G;

/** Gradients of sources whose structure is not known to the type checker. */
export type GradientTree<G> = G | GradientTree<G>[] | { [key: string]: GradientTree<G> };

/**
 * The gradient of one argument of `f` in `grad(f)`: a tensor for a tensor (or a parameter typed as any tensor-like),
 * else the argument's arrays/objects with a tensor for each leaf.
 */
export type ArgGradient<X> = [X] extends [Tensor] ? Tensor : [TensorLike] extends [X] ? Tensor : GradientsOf<X, Tensor>;

/**
 * What a function transform accepts where `f` takes `A`: each tensor may be given as anything tensor-like
 * (a number, nested arrays, a typed array, a Variable), in the same arrays/objects.
 */
export type ArgsOf<A extends readonly unknown[]> = { [K in keyof A]: ArgOf<A[K]> };

/** One argument of {@link ArgsOf}. */
export type ArgOf<X> = [X] extends [Tensor]
  ? TensorLike | Variable
  : [TensorLike] extends [X]
    ? X
    : X extends Variable | ((...args: never[]) => unknown)
      ? X
      : X extends readonly unknown[]
        ? { [K in keyof X]: ArgOf<X[K]> }
        : X extends object
          ? { [K in keyof X]: ArgOf<X[K]> }
          : X;
