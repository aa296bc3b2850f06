/**
 * @file Arguments and results of jitted functions: which parts are traced (tensors, numbers, numeric
 * arrays — the "leaves") and which are static (strings, booleans, functions, Variables by identity), and
 * the cache key that tells two calls may share a trace.
 */
import { Tensor } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { Variable } from '../core/variable.js';
import { isNumericArray } from '../core/structure.js';

/** Rebuilds the argument list around new leaf tensors. */
export interface ArgTemplate {
  rebuild(leaves: readonly Tensor[]): unknown[];
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;

let nextIdentity = 1;
const identities = new WeakMap<object, number>();
/** A stable number for an object used as a static argument (Variables, functions…). */
const identity = (o: object): number => {
  let id = identities.get(o);
  if (id === undefined) identities.set(o, (id = nextIdentity++));
  return id;
};

type Skel = { leaf: number } | { arr: Skel[] } | { obj: [string, Skel][] } | { lit: unknown };

/**
 * Splits `args` into leaf tensors and a template; the key encodes each leaf's dtype, weakness and shape,
 * repeated leaves (the same tensor passed twice) and every static value.
 */
export function analyzeArgs(
  args: readonly unknown[],
  fn: string,
): { key: string; leaves: Tensor[]; template: ArgTemplate } {
  const leaves: Tensor[] = [];
  let key = '';
  const walk = (x: unknown, where: string): Skel => {
    if (x instanceof Tensor) {
      const prev = leaves.indexOf(x);
      leaves.push(x);
      key += prev >= 0 ? `=${prev};` : `${x.dtype}${x._weak ? 'w' : ''}[${x.shape.join(',')}];`;
      return { leaf: leaves.length - 1 };
    }
    if (typeof x === 'number' || ArrayBuffer.isView(x) || isNumericArray(x)) {
      const t = toTensor(x as any, fn, where);
      leaves.push(t);
      key += `${t.dtype}${t._weak ? 'w' : ''}[${t.shape.join(',')}];`;
      return { leaf: leaves.length - 1 };
    }
    if (Array.isArray(x)) {
      key += '[';
      const arr = x.map((e, i) => walk(e, `${where}[${i}]`));
      key += ']';
      return { arr };
    }
    if (isPlainObject(x)) {
      key += '{';
      const obj = Object.keys(x).map((k): [string, Skel] => {
        key += `${JSON.stringify(k)}:`;
        return [k, walk(x[k], `${where}.${k}`)];
      });
      key += '}';
      return { obj };
    }
    if (x instanceof Variable || typeof x === 'function' || (typeof x === 'object' && x !== null))
      key += `#${identity(x as object)};`;
    else key += `${typeof x}:${String(x)};`;
    return { lit: x };
  };
  const skels = args.map((a, i) => walk(a, `args[${i}]`));
  const build = (s: Skel, ls: readonly Tensor[]): unknown => {
    if ('leaf' in s) return ls[s.leaf];
    if ('arr' in s) return s.arr.map((e) => build(e, ls));
    if ('obj' in s) {
      const o: Record<string, unknown> = {};
      for (const [k, e] of s.obj) o[k] = build(e, ls);
      return o;
    }
    return s.lit;
  };
  return { key, leaves, template: { rebuild: (ls) => skels.map((s) => build(s, ls)) } };
}

/** The signature of a call whose arguments are all tensors: checked without building a key string. */
export interface FastSig {
  dtypes: string[];
  weak: boolean[];
  shapes: number[][];
  distinct: boolean;
}

/** The fast signature of `leaves` when the arguments were exactly these tensors (no structure, no statics). */
export function fastSigOf(args: readonly unknown[], leaves: readonly Tensor[]): FastSig | null {
  if (args.length !== leaves.length || args.some((a, i) => a !== leaves[i])) return null;
  return {
    dtypes: leaves.map((t) => t.dtype),
    weak: leaves.map((t) => t._weak),
    shapes: leaves.map((t) => t.shape),
    distinct: new Set(leaves).size === leaves.length,
  };
}

/** Whether `args` are tensors matching `sig` (same dtypes, weakness, shapes; all distinct if they were). */
export function fitsFastSig(args: readonly unknown[], sig: FastSig): boolean {
  const n = args.length;
  if (n !== sig.dtypes.length) return false;
  for (let i = 0; i < n; i++) {
    const t = args[i];
    if (!(t instanceof Tensor) || t.dtype !== sig.dtypes[i] || t._weak !== sig.weak[i]) return false;
    const a = t.shape,
      b = sig.shapes[i];
    if (a.length !== b.length) return false;
    for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return false;
    for (let j = 0; j < i; j++) if (args[j] === t) return false;
  }
  return sig.distinct;
}

/** The tensor leaves of a result and a function that rebuilds the result from replacements. */
export function flattenResult(result: unknown): { tensors: Tensor[]; rebuild: (values: unknown[]) => unknown } {
  const tensors: Tensor[] = [];
  const walk = (x: unknown): Skel => {
    if (x instanceof Tensor) {
      tensors.push(x);
      return { leaf: tensors.length - 1 };
    }
    if (Array.isArray(x)) return { arr: x.map(walk) };
    if (isPlainObject(x)) return { obj: Object.keys(x).map((k): [string, Skel] => [k, walk(x[k])]) };
    return { lit: x };
  };
  const skel = walk(result);
  // the common shapes of a result get a rebuild without a walk: one tensor, or a flat array of tensors
  if ('leaf' in skel) return { tensors, rebuild: (vs) => vs[0] };
  if ('arr' in skel && skel.arr.every((e, i) => 'leaf' in e && e.leaf === i))
    return { tensors, rebuild: (vs) => vs.slice() };
  const build = (s: Skel, vs: unknown[]): unknown => {
    if ('leaf' in s) return vs[s.leaf];
    if ('arr' in s) return s.arr.map((e) => build(e, vs));
    if ('obj' in s) {
      const o: Record<string, unknown> = {};
      for (const [k, e] of s.obj) o[k] = build(e, vs);
      return o;
    }
    return s.lit;
  };
  return { tensors, rebuild: (vs) => build(skel, vs) };
}
