/** @file Shape utilities: sizes, strides, broadcasting, axis normalisation. */

export const sizeOf = (shape: readonly number[]): number => {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
};

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
  return s;
}

export const sameShape = (a: readonly number[], b: readonly number[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export const fmtShape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * numpy broadcasting of two shapes; throws naming the op and both shapes. Returns one of the inputs (not a
 * copy) when it is the answer: shapes are never mutated, and `x * 2` on a 100-point tensor skips the loop.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  if (b.length === 0) return a as number[];
  if (a.length === 0) return b as number[];
  if (sameShape(a, b)) return a as number[];
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw new Error(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`);
  }
  return out;
}

/** Strides of `shape` seen inside the broadcast `outShape` (0 where a dimension is broadcast). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const st = stridesOf(shape);
  const off = outShape.length - shape.length;
  const out = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 ? 0 : st[i];
  return out;
}

/** Normalises `axis` (number, array, or undefined = all) to sorted unique non-negative axes. */
export function normalizeAxes(axis: number | readonly number[] | undefined | null, rank: number, op: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const seen = new Set<number>();
  for (const a of list) seen.add(normalizeAxis(a, rank, op));
  return [...seen].sort((x, y) => x - y);
}

export function normalizeAxis(a: number, rank: number, op: string, arg = 'axis'): number {
  if (!Number.isInteger(a) || a < -Math.max(rank, 1) || a >= Math.max(rank, 1)) {
    throw new RangeError(`${op}: ${arg} ${a} is out of range for a tensor of rank ${rank} (expected an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}])`);
  }
  return a < 0 ? a + rank : a;
}

/** Validates a user-given shape: non-negative integers. */
export function checkShape(shape: unknown, op: string, arg = 'shape'): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: ${arg} must be an array of non-negative integers; got ${String(shape)}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new TypeError(`${op}: ${arg} must contain non-negative integers; got ${fmtShape(shape as number[])}`);
    }
  }
  return shape as number[];
}
