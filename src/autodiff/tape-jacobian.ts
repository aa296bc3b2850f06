/**
 * @file Jacobians from a tape's backward pass: one pass per row, seeded with a one-hot cotangent (TF's
 * `GradientTape.jacobian` without `pfor`), the rows stacked into `[...target.shape, ...source.shape]`.
 * `batchJacobian` seeds one element per example at once, since the examples are independent.
 */
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import type { Leaf } from '../core/structure.js';
import type { Sources } from '../core/gradient-types.js';
import type { JacobianOptions } from './tape.js';
import * as args from './tape-args.js';
import { reshape } from '../primitives/shape-ops.js';
import { full, indicator, zerosLike } from '../primitives/creation-internal.js';
import { stackTensors } from '../primitives/stack.js';

/** A tape's backward pass: each leaf's gradient for the targets seeded with `seeds` (null where none reached). */
export type BackwardPass = (targets: Tensor[], seeds: Tensor[], leaves: Leaf[], warn: boolean) => (Tensor | null)[];

/**
 * The Jacobian of `target` with respect to each source, in the sources' structure.
 * @example jacobianOf(pass, y, [x, w], {}) // [J_x, J_w]
 */
export function jacobianOf(pass: BackwardPass, target: Tensor, sources: Sources, opts: JacobianOptions): unknown {
  const [t] = args.targetsOf(target, 'jacobian');
  const { leaves, rebuild } = args.sourcesOf(sources, 'jacobian');
  const rows = rowsOf(pass, t, leaves, t.size, (i, j) => i === j);
  return rebuild(
    leaves.map((l, k) => {
      const v = args.valueOf(l);
      return stack(rows, k, v, [...t.shape, ...v.shape], 0, opts);
    }),
  );
}

/**
 * Per-example Jacobian of `target` `[batch, ...]` with respect to `source` `[batch, ...]`.
 * @example batchJacobianOf(pass, y, x, {}) // [batch, ...y.shape.slice(1), ...x.shape.slice(1)]
 */
export function batchJacobianOf(
  pass: BackwardPass,
  target: Tensor,
  source: Tensor | Variable,
  opts: JacobianOptions,
): Tensor | null {
  const [t] = args.targetsOf(target, 'batchJacobian');
  const { leaves } = args.sourcesOf(source, 'batchJacobian');
  const src = args.valueOf(leaves[0]);
  args.checkBatches(t, src);
  const inner = t.size / Math.max(t.shape[0], 1);
  const rows = rowsOf(pass, t, leaves, inner, (i, j) => i % inner === j);
  return stack(rows, 0, src, [...t.shape, ...src.shape.slice(1)], 1, opts);
}

/** Jacobian rows: one backward pass per seed, seed `j` being 1 where `one(i, j)` holds (warnings once). */
function rowsOf(
  pass: BackwardPass,
  t: Tensor,
  leaves: Leaf[],
  count: number,
  one: (i: number, j: number) => boolean,
): (Tensor | null)[][] {
  const rows: (Tensor | null)[][] = [];
  for (let j = 0; j < count; j++)
    rows.push(pass([t], [indicator(t.shape, t.dtype, (i) => one(i, j))], leaves, j === 0));
  return rows;
}

/** Stacks source `k`'s Jacobian rows on `axis`: null where no row reached it (as TF), unless zeros are asked. */
function stack(rows: (Tensor | null)[][], k: number, src: Tensor, shape: number[], axis: number, o: JacobianOptions) {
  if (rows.length === 0) return full(shape, 0, src.dtype);
  if (rows.every((r) => r[k] === null) && o.unconnectedGradients !== 'zero') return null;
  return reshape(
    stackTensors(
      rows.map((r) => r[k] ?? zerosLike(src)),
      axis,
    ),
    shape,
  );
}
