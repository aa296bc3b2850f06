/** @file The options argument of the ops, checked: not exported from the package. */
import { checkDType, type DType } from '../core/dtype.js';
import { describe } from '../core/tensor.js';

export interface DTypeOptions {
  dtype?: DType;
}

/**
 * An options argument of an op, checked: `{}` when left out (undefined or null), else an object whose keys are
 * all `known`, so a misspelt option (`{ dtyp: 'float32' }`) is an error naming `fn`, not silently ignored.
 */
export function optionKeys<T extends object>(opts: T | undefined | null, fn: string, known: readonly string[]): T {
  if (opts === undefined || opts === null) return {} as T;
  if (typeof opts !== 'object' || Array.isArray(opts))
    throw new TypeError(`${fn}: options must be an object like { ${known[0]}: … }; got ${describe(opts)}`);
  for (const key of Object.keys(opts))
    if (!known.includes(key)) throw new TypeError(`${fn}: unknown option '${key}'; known options: ${known.join(', ')}`);
  return opts;
}

/** The `dtype` of an op's options (checked, see `optionKeys`; `more`: its other options), if given. */
export const dtypeOpt = (
  opts: DTypeOptions | undefined,
  fn: string,
  more: readonly string[] = [],
): DType | undefined => {
  const { dtype } = optionKeys(opts, fn, ['dtype', ...more]);
  return dtype === undefined ? undefined : checkDType(dtype, fn, 'options.dtype');
};
