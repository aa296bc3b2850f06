/** @file Shape utilities: sizes, strides, broadcasting, axis normalisation. */

export const sizeOf = (shape: readonly number[]): number => {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
};

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
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
    else
      throw new Error(
        `${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
  }
  checkElements(sizeOf(out), op, `broadcasting ${fmtShape(a)} with ${fmtShape(b)} to ${fmtShape(out)}`);
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

/**
 * Normalises `axis` (an integer, an array of them, or undefined/null = all) to non-negative axes, sorted
 * unless `keepOrder` (matrix norms read `[row, col]`). Every reduction and composite taking axes comes
 * through here, so all reject what numpy rejects: a non-integer, an axis out of range, a repeated axis.
 */
export function normalizeAxes(axis: unknown, rank: number, op: string, opts: { keepOrder?: boolean } = {}): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  if (typeof axis !== 'number' && !Array.isArray(axis)) {
    throw new TypeError(`${op}: axis must be an integer or an array of integers; got ${describe(axis)}`);
  }
  const list: unknown[] = typeof axis === 'number' ? [axis] : axis;
  const out: number[] = [];
  for (const a of list) {
    const n = normalizeAxis(a, rank, op);
    if (out.includes(n))
      throw new RangeError(`${op}: axis ${fmtAxes(list)} repeats dimension ${n}; each axis may appear once`);
    out.push(n);
  }
  return opts.keepOrder ? out : out.sort((x, y) => x - y);
}

/** One axis: an integer in [-rank, rank) (a scalar accepts 0 and -1), made non-negative. */
export function normalizeAxis(a: unknown, rank: number, op: string, arg = 'axis'): number {
  if (typeof a !== 'number' || !Number.isInteger(a))
    throw new TypeError(`${op}: ${arg} must be an integer; got ${describe(a)}`);
  if (a < -Math.max(rank, 1) || a >= Math.max(rank, 1)) {
    throw new RangeError(
      `${op}: ${arg} ${a} is out of range for a tensor of rank ${rank} (expected an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}])`,
    );
  }
  return a < 0 ? a + rank : a;
}

const describe = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : typeof v === 'number'
      ? String(v)
      : typeof v === 'object' && v !== null
        ? Array.isArray(v)
          ? fmtAxes(v)
          : 'an object'
        : String(v);
const fmtAxes = (list: readonly unknown[]): string =>
  `[${list.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}]`;

/**
 * Most elements one tensor may hold: 2^27 = 134,217,728 (1 GiB of float64). Every size a user can ask for is
 * checked against it before anything is allocated (shapes in `checkShape`, counts in `linspace`/`arange`,
 * broadcast results in `broadcastShapes`, and every storage allocation as the last guard), so `linspace(0, 1, 1e9)`
 * is refused at once instead of taking 8 GB, and `zeros([1e6, 1e6])` gets a message instead of V8's bare
 * "Invalid typed array length".
 */
export const MAX_ELEMENTS = 2 ** 27;

/**
 * Throws a RangeError naming `op`, what was asked for and the limit when `count` exceeds {@link MAX_ELEMENTS}.
 * @example checkElements(1e9, 'linspace', 'num = 1000000000') // throws: linspace: num = 1000000000 asks for …
 */
export function checkElements(count: number, op: string, what: string): void {
  if (count > MAX_ELEMENTS) {
    throw new RangeError(
      `${op}: ${what} asks for ${count.toLocaleString('en-US')} elements, more than the ${MAX_ELEMENTS.toLocaleString('en-US')} (2^27, 1 GiB of float64) one tensor may hold (MAX_ELEMENTS)`,
    );
  }
}

/** Validates a user-given shape: non-negative integers, at most {@link MAX_ELEMENTS} elements in all. */
export function checkShape(shape: unknown, op: string, arg = 'shape'): number[] {
  if (!Array.isArray(shape))
    throw new TypeError(`${op}: ${arg} must be an array of non-negative integers; got ${String(shape)}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new TypeError(`${op}: ${arg} must contain non-negative integers; got ${fmtShape(shape as number[])}`);
    }
  }
  checkElements(sizeOf(shape as number[]), op, `${arg} ${fmtShape(shape as number[])}`);
  return shape as number[];
}
