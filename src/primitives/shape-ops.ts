/**
 * @file Movement primitives: reshape, broadcastTo, transpose, slice, pad, concat, gather, scatterAdd,
 * cast, stopGradient. Each one's VJP is another movement op (slice ↔ pad, gather ↔ scatterAdd, …).
 */
import { bind } from '../core/engine.js';
import { checkDType, isFloat, promote, type DType } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, describe, holdsTensors, parseNested, type TensorLike } from '../core/tensor.js';
import { toTensor } from './convert.js';
import { fmtShape, sameShape, sizeOf, checkShape, checkElements, normalizeAxis } from '../core/shape.js';
import { backend } from '../backends/backend.js';
import { sum } from './reduce.js';
import { zerosLike } from './creation-internal.js';

const reshapeDef: PrimitiveDef<number[]> = {
  name: 'reshape',
  impl: ([x], shape) => x._alias(shape), // shares storage: tensors are immutable
  vjp: (g, [x]) => [reshape(g, x.shape)],
  jvp: ([dx], _i, _o, shape) => (dx ? reshape(dx, shape) : null),
};

/**
 * New shape, same values (row-major); one dimension may be -1.
 * @example reshape([1, 2, 3, 4], [2, 2]) // → [[1, 2], [3, 4]]
 */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor(x, 'reshape', 'x');
  if (!Array.isArray(shape)) throw new TypeError(`reshape: shape must be an array of integers; got ${String(shape)}`);
  const s = [...shape];
  const free = s.filter((d) => d === -1).length;
  if (free > 1 || s.some((d) => !Number.isInteger(d) || d < -1))
    throw new Error(`reshape: shape ${fmtShape(s)} must hold non-negative integers and at most one -1`);
  if (free === 1) {
    const known = s.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (known === 0 || t.size % known !== 0)
      throw new Error(`reshape: cannot reshape ${fmtShape(t.shape)} (${t.size} elements) into ${fmtShape(s)}`);
    s[s.indexOf(-1)] = t.size / known;
  }
  if (sizeOf(s) !== t.size)
    throw new Error(
      `reshape: cannot reshape ${fmtShape(t.shape)} (${t.size} elements) into ${fmtShape(s)} (${sizeOf(s)} elements)`,
    );
  if (sameShape(s, t.shape)) return t;
  return bind(reshapeDef, [t], s);
}

const broadcastDef: PrimitiveDef<number[]> = {
  name: 'broadcastTo',
  impl: ([x], shape) => new Tensor(backend().broadcastTo(x, shape), shape, x.dtype),
  vjp: (g, [x]) => [sumToShape(g, x.shape)],
  jvp: ([dx], _i, _o, shape) => (dx ? broadcastTo(dx, shape) : null),
};

/** Repeats `x` along broadcast dimensions to `shape` (numpy rules). @example broadcastTo([1, 2], [2, 2]) // → [[1, 2], [1, 2]] */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor(x, 'broadcastTo', 'x');
  const s = checkShape(Array.isArray(shape) ? [...shape] : shape, 'broadcastTo');
  if (sameShape(t.shape, s)) return t;
  const off = s.length - t.rank;
  if (off < 0 || t.shape.some((d, i) => d !== 1 && d !== s[off + i])) {
    throw new Error(`broadcastTo: cannot broadcast shape ${fmtShape(t.shape)} to ${fmtShape(s)}`);
  }
  return bind(broadcastDef, [t], s);
}

/** Sums `g` down to `shape`: the adjoint of broadcasting. */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const off = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) if (i < off || (shape[i - off] === 1 && g.shape[i] !== 1)) axes.push(i);
  const s = axes.length ? sum(g, axes, true) : g;
  return reshape(s, shape);
}

const transposeDef: PrimitiveDef<number[]> = {
  name: 'transpose',
  impl: ([x], perm) =>
    new Tensor(
      backend().transpose(x, perm),
      perm.map((p) => x.shape[p]),
      x.dtype,
    ),
  vjp: (g, _i, _o, perm) => [transpose(g, inversePerm(perm))],
  jvp: ([dx], _i, _o, perm) => (dx ? transpose(dx, perm) : null),
};

const inversePerm = (perm: number[]): number[] => {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
};

/** Permutes dimensions (default: reverse them). @example transpose([[1, 2], [3, 4]]) // → [[1, 3], [2, 4]] */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x, 'transpose', 'x');
  if (perm !== undefined && perm !== null && !Array.isArray(perm))
    throw new TypeError(`transpose: perm must be an array of axes; got ${describe(perm)}`);
  const p = perm
    ? perm.map((a) => normalizeAxis(a, t.rank, 'transpose', 'perm'))
    : t.shape.map((_, i) => t.rank - 1 - i);
  if (p.length !== t.rank || new Set(p).size !== p.length)
    throw new Error(
      `transpose: perm ${fmtShape(p)} is not a permutation of the ${t.rank} dimensions of ${fmtShape(t.shape)}`,
    );
  if (p.every((a, i) => a === i)) return t;
  return bind(transposeDef, [t], p);
}

interface SliceParams {
  begin: number[];
  size: number[];
}
const sliceDef: PrimitiveDef<SliceParams> = {
  name: 'slice',
  impl: ([x], { begin, size }) => new Tensor(backend().slice(x, begin, size), size, x.dtype),
  vjp: (g, [x], _o, { begin }) => [
    pad(
      g,
      begin.map((b, i) => [b, x.shape[i] - b - g.shape[i]] as [number, number]),
    ),
  ],
  jvp: ([dx], _i, _o, p) => (dx ? bind(sliceDef, [dx], p) : null),
};

/**
 * The window of `x` starting at `begin` with extent `size` (-1: to the end), like `tf.slice`.
 * @example slice([1, 2, 3, 4], [1], [2]) // → [2, 3]
 */
export function slice(x: TensorLike, begin: readonly number[], size?: readonly number[]): Tensor {
  const t = toTensor(x, 'slice', 'x');
  if (!Array.isArray(begin) || (size !== undefined && !Array.isArray(size))) {
    throw new TypeError(
      `slice: begin and size must be arrays with one integer per dimension of ${fmtShape(t.shape)}; got begin ${String(begin)}, size ${String(size)}`,
    );
  }
  if (begin.length !== t.rank || (size && size.length !== t.rank))
    throw new Error(
      `slice: begin ${fmtShape([...begin])} and size ${fmtShape([...(size ?? [])])} must have one entry per dimension of ${fmtShape(t.shape)}`,
    );
  const b = [...begin],
    s = t.shape.map((d, i) => (size === undefined || size[i] === -1 ? d - b[i] : size[i]));
  for (let i = 0; i < t.rank; i++) {
    if (!Number.isInteger(b[i]) || !Number.isInteger(s[i]) || b[i] < 0 || s[i] < 0 || b[i] + s[i] > t.shape[i]) {
      throw new RangeError(
        `slice: window begin ${fmtShape(b)} size ${fmtShape(s)} does not fit in shape ${fmtShape(t.shape)} (dimension ${i})`,
      );
    }
  }
  if (sameShape(s, t.shape)) return t;
  return bind(sliceDef, [t], { begin: b, size: s });
}

const padDef: PrimitiveDef<[number, number][]> = {
  name: 'pad',
  impl: ([x], p) => {
    const shape = x.shape.map((d, i) => d + p[i][0] + p[i][1]);
    return new Tensor(
      backend().pad(
        x,
        p.map((q) => q[0]),
        shape,
      ),
      shape,
      x.dtype,
    );
  },
  vjp: (g, [x], _o, p) => [
    slice(
      g,
      p.map((q) => q[0]),
      x.shape,
    ),
  ],
  jvp: ([dx], _i, _o, p) => (dx ? bind(padDef, [dx], p) : null),
};

/** Zero-pads each dimension by `[before, after]`. @example pad([1, 2], [[1, 1]]) // → [0, 1, 2, 0] */
export function pad(x: TensorLike, paddings: readonly (readonly [number, number])[]): Tensor {
  const t = toTensor(x, 'pad', 'x');
  if (
    !Array.isArray(paddings) ||
    paddings.length !== t.rank ||
    paddings.some((q) => !Array.isArray(q) || q.length !== 2 || q.some((v) => !Number.isInteger(v) || v < 0))
  ) {
    throw new Error(
      `pad: paddings must be ${t.rank} pairs of non-negative integers [before, after] for shape ${fmtShape(t.shape)}; got ${describe(paddings)}`,
    );
  }
  if (paddings.every((q) => q[0] === 0 && q[1] === 0)) return t;
  const out = t.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  checkElements(sizeOf(out), 'pad', `padding ${fmtShape(t.shape)} to ${fmtShape(out)}`);
  return bind(
    padDef,
    [t],
    paddings.map((q) => [q[0], q[1]] as [number, number]),
  );
}

const concatDef: PrimitiveDef<number> = {
  name: 'concat',
  impl: (xs, axis) => {
    const shape = [...xs[0].shape];
    shape[axis] = xs.reduce((a, x) => a + x.shape[axis], 0);
    return new Tensor(backend().concat(xs, axis, shape), shape, xs[0].dtype);
  },
  vjp: (g, xs, _o, axis, needs) => {
    let at = 0;
    return xs.map((x, i) => {
      const begin = g.shape.map((_, d) => (d === axis ? at : 0));
      at += x.shape[axis];
      return needs[i] ? slice(g, begin, x.shape) : null;
    });
  },
  jvp: (dxs, xs, _o, axis) =>
    dxs.some((d) => d)
      ? concat(
          dxs.map((d, i) => d ?? zerosLike(xs[i])),
          axis,
        )
      : null,
};

/** Joins tensors along an existing axis. @example concat([[1], [2, 3]]) // → [1, 2, 3] */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0) throw new Error('concat: xs must be a non-empty array of tensors');
  let ts = xs.map((x, i) => toTensor(x, 'concat', `xs[${i}]`));
  const ax = normalizeAxis(axis, ts[0].rank, 'concat');
  // the widest dtype wins (bool < int32 < float32 < float64), so no part is cast down
  const dtype = ts.reduce<DType>((d, t) => promote(d, t.dtype), ts[0].dtype);
  ts = ts.map((t) => (t.dtype === dtype ? t : cast(t, dtype)));
  for (const [i, t] of ts.entries()) {
    if (t.rank !== ts[0].rank || t.shape.some((d, k) => k !== ax && d !== ts[0].shape[k])) {
      throw new Error(
        `concat: xs[${i}] has shape ${fmtShape(t.shape)}, which does not match ${fmtShape(ts[0].shape)} outside axis ${ax}`,
      );
    }
  }
  if (ts.length === 1) return ts[0];
  return bind(concatDef, ts, ax);
}

interface GatherParams {
  indices: Int32Array;
  idxShape: number[];
  axis: number;
  dim: number;
}
const gatherDef: PrimitiveDef<GatherParams> = {
  name: 'gather',
  impl: ([x], p) => {
    const shape = [...x.shape.slice(0, p.axis), ...p.idxShape, ...x.shape.slice(p.axis + 1)];
    return new Tensor(backend().gather(x, p.indices, p.axis, shape), shape, x.dtype);
  },
  vjp: (g, [x], _o, p) => [scatterAdd(g, p, x.shape)],
  jvp: ([dx], _i, _o, p) => (dx ? bind(gatherDef, [dx], p) : null),
};

const scatterDef: PrimitiveDef<GatherParams & { outShape: number[] }> = {
  name: 'scatterAdd',
  impl: ([g], p) => new Tensor(backend().scatterAdd(g, p.indices, p.axis, p.outShape), p.outShape, g.dtype),
  vjp: (g, _i, _o, p) => [bind(gatherDef, [g], p)],
  jvp: ([dg], _i, _o, p) => (dg ? bind(scatterDef, [dg], p) : null),
};

function scatterAdd(g: Tensor, p: GatherParams, outShape: number[]): Tensor {
  return bind(scatterDef, [g], { ...p, outShape });
}

/**
 * Picks slices of `x` along `axis` at integer `indices` (any shape), like `tf.gather`; negative indices are errors.
 * @example gather([10, 20, 30], [2, 0]) // → [30, 10]
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'gather', 'x');
  const ax = normalizeAxis(axis, t.rank, 'gather');
  const dim = t.shape[ax];
  // the indices are needed on the host (to check them, and as the kernel's parameter): a JS array is read as it is
  const host = Array.isArray(indices) && !holdsTensors(indices) ? parseNested(indices, 'gather', 'indices') : null;
  const it = host === null ? toTensor(indices, 'gather', 'indices') : null;
  if (it !== null && !it._device.syncRead)
    throw new Error(
      `gather: indices is a tensor on the ${it._device.name} backend; gather checks its indices on the host, ` +
        'synchronously: pass them as an array (await indices.array())',
    );
  const values = host !== null ? host.flat : it!._read('gather');
  const idxShape = host !== null ? host.shape : it!.shape;
  const idx = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= dim)
      throw new RangeError(
        `gather: indices must be integers in [0, ${dim}) for axis ${ax} of ${fmtShape(t.shape)}; got ${v} at position ${i}`,
      );
    idx[i] = v;
  }
  return bind(gatherDef, [t], { indices: idx, idxShape, axis: ax, dim });
}

const castDef: PrimitiveDef<DType> = {
  name: 'cast',
  impl: ([x], dtype) => new Tensor(backend().cast(x, dtype), x.shape, dtype),
  vjp: (g, [x]) => [isFloat(x.dtype) ? cast(g, x.dtype) : null],
  jvp: ([dx], _i, _o, dtype) => (dx && isFloat(dtype) ? cast(dx, dtype) : null),
};

/** Converts to another dtype (float→int truncates toward zero). @example cast([1.7, -1.7], 'int32') // → [1, -1] */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x, 'cast', 'x');
  const d = checkDType(dtype, 'cast');
  if (t.dtype === d) return t;
  return bind(castDef, [t], d);
}

const stopDef: PrimitiveDef = {
  name: 'stopGradient',
  impl: ([x]) => x._alias(),
  vjp: () => [null],
  jvp: () => null,
};

/** The same values, seen as a constant by every tape and accumulator. @example stopGradient(x) */
export function stopGradient(x: TensorLike): Tensor {
  return bind(stopDef, [toTensor(x, 'stopGradient', 'x')], undefined);
}
