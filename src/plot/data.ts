/**
 * @file Input conversion with validation: tensors (duck-typed), typed arrays and (nested) plain arrays become
 * Float64Arrays. Errors name the calling function and argument, so users see `contour: Z …`, not a stack dump.
 */
import type { GridInput, NumbersInput, TensorLikeInput } from './types.js';

/**
 * The keys of an options type, listed as an object so that tsc checks the list against the type: a key added to
 * the interface and not here, or the reverse, does not compile.
 * @example const KEYS = keysOf<{ a?: number; b?: string }>({ a: true, b: true }) // ['a', 'b']
 */
export const keysOf = <T>(keys: { [K in keyof Required<T>]: true }): readonly string[] => Object.keys(keys);

/**
 * An options argument: `{}` when left out (undefined or null, as the optimizers take it), refused naming `fn` when
 * it is not an object (a number, a string, an array) or, given the `known` keys, holds another key: a misspelt
 * option (`{ lable: 'f' }`) fails instead of being ignored.
 */
export function optionsOf<T extends object>(opts: T | undefined | null, fn: string, known?: readonly string[]): T {
  if (opts === undefined || opts === null) return {} as T;
  if (typeof opts !== 'object' || Array.isArray(opts))
    throw new TypeError(`${fn}: options must be an object; got ${describe(opts)}`);
  if (known !== undefined)
    for (const key of Object.keys(opts))
      if (!known.includes(key))
        throw new TypeError(`${fn}: unknown option '${key}'; known options: ${known.join(', ')}`);
  return opts;
}

/** A tensor, known by its shape and its `data()` (the plot package does not import the engine). */
export function isTensorLike(v: unknown): v is TensorLikeInput {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as TensorLikeInput).shape) &&
    typeof (v as TensorLikeInput).data === 'function'
  );
}

/**
 * A tensor whose values live on a GPU cannot be read synchronously. Plot calls and setters read such tensors
 * later (deferred.ts), so what reaches here is a function that must answer now (`histogram`): the error says how
 * to bring the values over (`await t.array()`), naming the call and the argument.
 */
function checkReadable(v: TensorLikeInput, fn: string, arg: string): void {
  const device = (v as { _device?: { syncRead?: boolean; name?: string } })._device;
  if (device?.syncRead === false)
    throw new Error(
      `${fn}: ${arg} is a tensor on the GPU (${device.name}) and ${fn} needs its values now: pass await ${arg}.array() ` +
        '(plot calls such as ax.plot take GPU tensors and read them before fig.save draws)',
    );
}

/** A value, for error messages: its kind, not its contents. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
}

/**
 * Convert 1-D data to a Float64Array. NaN and ±Infinity are kept (lines show gaps there).
 * @example toNumbers([1, 2, 3], 'plot', 'x') // Float64Array [1, 2, 3]
 */
export function toNumbers(v: NumbersInput, fn: string, arg: string): Float64Array {
  if (isTensorLike(v)) {
    const nonUnit = v.shape.filter((d) => d !== 1);
    if (nonUnit.length > 1) {
      throw new Error(`${fn}: ${arg} must be 1-D data, got a tensor of shape [${v.shape.join(', ')}]`);
    }
    checkReadable(v, fn, arg);
    return Float64Array.from(v.data());
  }
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new Error(`${fn}: ${arg} must be an array, typed array or 1-D tensor of numbers, got ${describe(v)}`);
  }
  const a = v as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') {
      throw new Error(
        `${fn}: ${arg}[${i}] must be a number, got ${
          Array.isArray(x) ? 'an array (nested data: ' + 'pass 1-D data)' : describe(x)
        }`,
      );
    }
    out[i] = x;
  }
  return out;
}

/**
 * Convert 2-D data (rows × cols) to a flat row-major Float64Array.
 * @example toGrid([[1, 2], [3, 4]], 'contour', 'Z') // { values: [1, 2, 3, 4], rows: 2, cols: 2 }
 */
export function toGrid(v: GridInput, fn: string, arg: string): { values: Float64Array; rows: number; cols: number } {
  if (isTensorLike(v)) {
    if (v.shape.length !== 2) {
      throw new Error(`${fn}: ${arg} must be a 2-D grid [rows, cols], got a tensor of shape [${v.shape.join(', ')}]`);
    }
    checkReadable(v, fn, arg);
    return { values: Float64Array.from(v.data()), rows: v.shape[0], cols: v.shape[1] };
  }
  if (!Array.isArray(v)) {
    throw new Error(`${fn}: ${arg} must be a 2-D grid (nested array or 2-D tensor), got ${describe(v)}`);
  }
  const rows = v.length;
  if (rows === 0) throw new Error(`${fn}: ${arg} must be a non-empty 2-D grid, got an empty array`);
  const first = v[0] as unknown;
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
    throw new Error(`${fn}: ${arg} must be a 2-D grid (array of rows), got a flat array of length ${rows}`);
  }
  const cols = (first as ArrayLike<number>).length;
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = v[r] as ArrayLike<unknown>;
    if (!row || row.length !== cols) {
      throw new Error(`${fn}: ${arg} must be rectangular: row 0 has ${cols} values, row ${r} has ${row?.length ?? 0}`);
    }
    for (let c = 0; c < cols; c++) {
      const x = row[c];
      if (typeof x !== 'number') throw new Error(`${fn}: ${arg}[${r}][${c}] must be a number, got ${describe(x)}`);
      values[r * cols + c] = x;
    }
  }
  return { values, rows, cols };
}

/**
 * Smallest and largest finite value (NaN/Inf ignored); [NaN, NaN] when there is none.
 * @example finiteExtent([3, NaN, -1, Infinity]) // [-1, 3]
 */
export function finiteExtent(a: ArrayLike<number>): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}
