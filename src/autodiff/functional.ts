/**
 * @file JAX-style function transforms on top of the tape and the forward accumulator:
 * grad, valueAndGrad, jacobian (jacrev), jacfwd, hessian, jvp, vjp, hvp.
 */
import { GradientTape } from './tape.js';
import { optionsOf } from '../core/suggest.js';
import { ForwardAccumulator } from './forward.js';
import { Tensor, describe, type TensorLike } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { Variable } from '../core/variable.js';
import { flatten, isNumericArray } from '../core/structure.js';
import { isFloat } from '../core/dtype.js';
import { fmtShape, sameShape } from '../core/shape.js';
import { mul } from '../primitives/binary.js';
import { sum } from '../primitives/reduce.js';
import { reshape } from '../primitives/shape-ops.js';
import { full, indicator } from '../primitives/creation-internal.js';
import { stackTensors } from '../primitives/stack.js';
import type { ArgGradient, ArgsOf, GradientsOf, Sources } from '../core/gradient-types.js';

export interface ArgnumsOptions {
  argnums?: number | readonly number[];
}
/**
 * A function of tensors (or nested arrays/objects of them) returning the tensor (or number) to differentiate.
 * Its parameters are `Tensor` unless annotated, so `grad((x) => pow(x, 3))` reads as it runs.
 */
export type ScalarFn<A extends unknown[] = Tensor[]> = (...args: A) => Tensor | number;
/** The gradients `grad(f, { argnums: N })` returns for `f` taking `A`: one per listed argument, or one for one. */
export type ArgGradients<A extends unknown[], N> = N extends readonly number[]
  ? { -readonly [K in keyof N]: ArgGradient<A[N[K] & number]> }
  : N extends number
    ? ArgGradient<A[N]>
    : never;
/** What the transforms' own code calls: any function (checked at run time). */
type Fn = (...args: never[]) => unknown;

const isArgLeaf = (x: unknown): boolean =>
  x instanceof Tensor || x instanceof Variable || typeof x === 'number' || ArrayBuffer.isView(x) || isNumericArray(x);

/** Converts a function argument (any nesting of tensor-likes) into tensors: a float copy-free view for each leaf. */
function toArgTree(x: unknown, fn: string, i: number): { tree: unknown; leaves: Tensor[] } {
  const { leaves, rebuild } = flatten<unknown>(x, isArgLeaf);
  const ts = leaves.map((l, k) => {
    if (l instanceof Variable) return l.value();
    const t = toTensor(l as TensorLike, fn, `args[${i}]${leaves.length > 1 ? `[leaf ${k}]` : ''}`);
    if (!isFloat(t.dtype))
      throw new TypeError(`${fn}: argument ${i} has dtype ${t.dtype}; differentiate only with respect to float values`);
    return t._weak ? t._alias() : t;
  });
  return { tree: rebuild(ts), leaves: ts };
}

function checkFn(f: unknown, name: string): asserts f is (...args: unknown[]) => unknown {
  if (typeof f !== 'function') throw new TypeError(`${name}: f must be a function; got ${describe(f)}`);
}

function argnumsOf(opts: ArgnumsOptions, n: number, name: string): { list: number[]; single: boolean } {
  const a = opts.argnums ?? 0; // its keys were checked when the transform was made
  const list = Array.isArray(a) ? a : [a];
  for (const k of list) {
    if (!Number.isInteger(k) || k < 0 || k >= n)
      throw new RangeError(`${name}: argnums ${k} is out of range for a call with ${n} argument(s)`);
  }
  return { list, single: !Array.isArray(a) };
}

/** The scalar a gradient is taken of: the output itself, or its sum (as the tape does). */
function asTarget(y: unknown, name: string): Tensor {
  const t = y instanceof Tensor ? y : typeof y === 'number' ? toTensor(y) : null;
  if (!t) throw new TypeError(`${name}: f must return a tensor (or number); got ${describe(y)}`);
  return t;
}

/**
 * `valueAndGrad(f)(...args)` returns `[f(...args), ∂f/∂args[argnums]]`; a non-scalar output is summed.
 * @example const [v, g] = valueAndGrad((x) => sum(square(x)))(tensor([1, 2])); // v = 5, g = [2, 4]
 */
export function valueAndGrad<A extends unknown[] = Tensor[], const N extends number | readonly number[] = 0>(
  f: ScalarFn<A>,
  opts?: { argnums?: N },
): (...args: ArgsOf<A>) => [Tensor, ArgGradients<A, N>];
export function valueAndGrad(f: Fn, opts: ArgnumsOptions = {}): unknown {
  return valueAndGradAs(f, opts, 'valueAndGrad');
}

/** valueAndGrad whose errors carry the name the user called (`grad` or `valueAndGrad`). */
function valueAndGradAs(f: Fn, opts: ArgnumsOptions, name: string): (...args: unknown[]) => [Tensor, unknown] {
  checkFn(f, name);
  opts = optionsOf(opts, name, ['argnums']); // checked now: a misspelt key would pick another argument
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(opts, args.length, name);
    const converted = args.map((a, i) => (list.includes(i) ? toArgTree(a, name, i) : { tree: a, leaves: [] }));
    const tape = new GradientTape();
    const y = tape.record(() => {
      for (const i of list) tape.watch(converted[i].leaves);
      return asTarget(f(...converted.map((c) => c.tree)), name);
    });
    const grads = tape.gradient(
      y,
      list.map((i) => converted[i].tree as Sources),
      { unconnectedGradients: 'zero' },
    );
    return [y, single ? grads[0] : grads];
  };
}

/**
 * `grad(f)` is the function computing ∂f/∂args[argnums]. Nest it for higher derivatives.
 * @example grad(grad((x) => pow(x, 3)))(2) // → 12
 */
export function grad<A extends unknown[] = Tensor[], const N extends number | readonly number[] = 0>(
  f: ScalarFn<A>,
  opts?: { argnums?: N },
): (...args: ArgsOf<A>) => ArgGradients<A, N>;
export function grad(f: Fn, opts: ArgnumsOptions = {}): unknown {
  checkFn(f, 'grad');
  const vg = valueAndGradAs(f, opts, 'grad');
  return (...args: unknown[]) => vg(...args)[1];
}

/**
 * Reverse-mode Jacobian of `f` at args[argnums]: shape `[...out.shape, ...in.shape]`.
 * @example jacobian((x) => square(x))(tensor([1, 2])) // → [[2, 0], [0, 4]]
 */
export function jacobian<A extends unknown[] = Tensor[], const N extends number | readonly number[] = 0>(
  f: ScalarFn<A>,
  opts?: { argnums?: N },
): (...args: ArgsOf<A>) => ArgGradients<A, N>;
export function jacobian(f: Fn, opts: ArgnumsOptions = {}): unknown {
  return jacobianAs(f, opts, 'jacobian');
}
/** `jacobian` under another name (`jacrev`), which its errors give. */
function jacobianAs(f: Fn, opts: ArgnumsOptions, name: string): unknown {
  checkFn(f, name);
  opts = optionsOf(opts, name, ['argnums']); // checked now: a misspelt key would pick another argument
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(opts, args.length, name);
    const converted = args.map((a, i) => (list.includes(i) ? toArgTree(a, name, i) : { tree: a, leaves: [] }));
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      for (const i of list) tape.watch(converted[i].leaves);
      return asTarget(f(...converted.map((c) => c.tree)), name);
    });
    const out = tape.jacobian(
      y,
      list.map((i) => converted[i].tree as Sources),
      { unconnectedGradients: 'zero' },
    );
    return single ? out[0] : out;
  };
}
/** Reverse-mode Jacobian: `jacobian`, by JAX's name. @example jacrev((x) => square(x))(tensor([1, 2])) */
export const jacrev = ((f: Fn, opts: ArgnumsOptions = {}) => jacobianAs(f, opts, 'jacrev')) as typeof jacobian;

/**
 * Forward-mode Jacobian (one JVP per input element): best when inputs are few and outputs many.
 * @example jacfwd((x) => square(x))(tensor([1, 2])) // → [[2, 0], [0, 4]]
 */
export function jacfwd<A extends unknown[] = Tensor[]>(
  f: ScalarFn<A>,
  opts?: { argnums?: number },
): (...args: ArgsOf<A>) => Tensor;
export function jacfwd(f: Fn, opts: { argnums?: number } = {}): (...args: unknown[]) => Tensor {
  checkFn(f, 'jacfwd');
  opts = optionsOf(opts, 'jacfwd', ['argnums']);
  return (...args: unknown[]) => {
    const { list } = argnumsOf(opts, args.length, 'jacfwd');
    const i = list[0];
    const { tree, leaves: x } = toArgTree(args[i], 'jacfwd', i);
    if (x.length !== 1) throw new TypeError('jacfwd: the differentiated argument must be a single tensor');
    const x0 = x[0];
    const cols: Tensor[] = [];
    let outShape: number[] = [];
    for (let j = 0; j < x0.size; j++) {
      const e = indicator(x0.shape, x0.dtype, (i) => i === j);
      const acc = new ForwardAccumulator(x0, e);
      // f gets the argument as it was passed (a one-leaf array or object stays one), its leaf the watched x0
      const y = acc.record(() => asTarget(f(...args.map((a, k) => (k === i ? tree : a))), 'jacfwd'));
      outShape = y.shape;
      cols.push(acc.jvp(y, { unconnectedGradients: 'zero' }));
    }
    if (cols.length === 0) return full([...asTarget(f(...args), 'jacfwd').shape, ...x0.shape], 0, x0.dtype);
    // cols[j] is ∂y/∂x_j: stack on the last axis, then restore x's shape
    return reshape(stackTensors(cols, cols[0].rank), [...outShape, ...x0.shape]);
  };
}

/**
 * Hessian of a scalar function (reverse over reverse): shape `[...x.shape, ...x.shape]`.
 * @example hessian((x) => sum(pow(x, 3)))(tensor([1, 2])) // → [[6, 0], [0, 12]]
 */
export function hessian<A extends unknown[] = Tensor[]>(
  f: ScalarFn<A>,
  opts?: { argnums?: number },
): (...args: ArgsOf<A>) => Tensor;
export function hessian(f: Fn, opts: { argnums?: number } = {}): (...args: unknown[]) => Tensor {
  checkFn(f, 'hessian');
  opts = optionsOf(opts, 'hessian', ['argnums']);
  const untyped = (t: typeof grad | typeof jacobian) =>
    t as (f: Fn, opts: ArgnumsOptions) => (...args: unknown[]) => Tensor;
  return untyped(jacobian)(untyped(grad)(f, opts), opts);
}

/**
 * Jacobian-vector product: `[f(primals), J·tangents]`, in forward mode.
 * @example const [y, dy] = jvp((x) => sin(x), [tensor([0])], [tensor([1])]); // dy = [1]
 */
export function jvp<const R extends Sources = Tensor>(
  f: (...args: Tensor[]) => R,
  primals: TensorLike[],
  tangents: TensorLike[],
): [R, GradientsOf<R, Tensor>];
export function jvp(
  f: (...args: Tensor[]) => Sources,
  primals: TensorLike[],
  tangents: TensorLike[],
): [Sources, unknown] {
  checkFn(f, 'jvp');
  if (!Array.isArray(primals) || !Array.isArray(tangents))
    throw new TypeError('jvp: primals and tangents must be arrays (one entry per argument of f)');
  if (primals.length !== tangents.length)
    throw new Error(`jvp: got ${primals.length} primal(s) but ${tangents.length} tangent(s)`);
  const xs = primals.map((p, i) => toArgTree(p, 'jvp', i).leaves[0]);
  const ts = tangents.map((t, i) => {
    const tt = toTensor(t, 'jvp', `tangents[${i}]`, xs[i].dtype);
    if (!sameShape(tt.shape, xs[i].shape))
      throw new Error(
        `jvp: tangents[${i}] has shape ${fmtShape(tt.shape)} but primals[${i}] has shape ${fmtShape(xs[i].shape)}`,
      );
    return tt;
  });
  const acc = new ForwardAccumulator(xs, ts);
  const y = acc.record(() => f(...xs));
  return [y, acc.jvp(y, { unconnectedGradients: 'zero' })];
}

/**
 * Vector-Jacobian product: returns `[f(...primals), vjpFn]` where `vjpFn(cotangent)` gives one gradient per primal.
 * @example const [y, back] = vjp((x) => square(x), tensor([3])); back(tensor([1])) // → [[6]]
 */
export function vjp<const R extends Sources = Tensor>(
  f: (...args: Tensor[]) => R,
  ...primals: TensorLike[]
): [R, (cotangent?: Sources) => Tensor[]];
export function vjp(
  f: (...args: Tensor[]) => Sources,
  ...primals: TensorLike[]
): [Sources, (cotangent?: Sources) => Tensor[]] {
  checkFn(f, 'vjp');
  const xs = primals.map((p, i) => toArgTree(p, 'vjp', i).leaves[0]);
  const tape = new GradientTape({ persistent: true });
  const y = tape.record(() => {
    tape.watch(xs);
    return f(...xs);
  });
  const back = (cotangent?: Sources): Tensor[] =>
    tape.gradient(y, xs, {
      outputGradients: cotangent === undefined ? undefined : flatten(y).leaves.length > 1 ? cotangent : [cotangent],
      unconnectedGradients: 'zero',
    });
  return [y, back];
}

/**
 * Hessian-vector product H(x)·v of a scalar function, without forming H.
 * @example hvp((x) => sum(pow(x, 3)), tensor([1, 2]), tensor([1, 0])) // → [6, 0]
 */
export function hvp(f: (x: Tensor) => Tensor | number, x: TensorLike, v: TensorLike): Tensor {
  checkFn(f, 'hvp');
  const leaves = toArgTree(x, 'hvp', 0).leaves;
  if (leaves.length !== 1)
    throw new TypeError(`hvp: x must be one tensor, Variable or number array; got ${describe(x)}`);
  const xt = leaves[0];
  const vt = toTensor(v, 'hvp', 'v', xt.dtype);
  if (!sameShape(vt.shape, xt.shape))
    throw new Error(`hvp: v has shape ${fmtShape(vt.shape)} but x has shape ${fmtShape(xt.shape)}`);
  const df = grad(f as ScalarFn<[Tensor]>);
  return grad((y: Tensor) => sum(mul(df(y), vt)))(xt);
}
