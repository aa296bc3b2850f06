/** @file Nested arrays/objects of leaves ("pytrees"): flatten to a list and rebuild the same shape. */
import { Tensor } from './tensor.js';
import { Variable } from './variable.js';

export type Leaf = Tensor | Variable;

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;

/** True for a nested array of plain numbers/booleans (a tensor literal rather than a structure). */
export function isNumericArray(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  return x.every((e) => typeof e === 'number' || typeof e === 'boolean' || (Array.isArray(e) && isNumericArray(e)));
}

/**
 * Flattens `tree` into its leaves; `isLeaf` decides what counts as one (default: tensors and Variables).
 * Returns the leaves and a function that rebuilds the same structure from new leaves.
 */
export function flatten<L = Leaf>(
  tree: unknown,
  isLeaf: (x: unknown) => boolean = (x) => x instanceof Tensor || x instanceof Variable,
): { leaves: L[]; rebuild: <T>(values: T[]) => any } {
  const leaves: L[] = [];
  const walk = (x: unknown): any => {
    if (isLeaf(x)) {
      leaves.push(x as L);
      return leaves.length - 1;
    }
    if (Array.isArray(x)) return x.map(walk);
    if (isPlainObject(x)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x)) o[k] = walk(x[k]);
      return o;
    }
    return { __unknown: x };
  };
  const skeleton = walk(tree);
  const rebuild = <T>(values: T[]): any => {
    const build = (s: any): any => {
      if (typeof s === 'number') return values[s];
      if (Array.isArray(s)) return s.map(build);
      if (s && typeof s === 'object' && '__unknown' in s) return s.__unknown;
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(s)) o[k] = build(s[k]);
      return o;
    };
    return build(skeleton);
  };
  return { leaves, rebuild };
}

/** Leaves that are neither tensors nor Variables, for error messages. */
export function findForeign(tree: unknown): unknown[] {
  const bad: unknown[] = [];
  flatten(tree, (x) => !(Array.isArray(x) || isPlainObject(x))).leaves.forEach((l) => {
    if (!(l instanceof Tensor || l instanceof Variable)) bad.push(l);
  });
  return bad;
}
