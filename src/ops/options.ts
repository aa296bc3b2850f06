/** @file The options argument of the ops, checked: not exported from the package. */
import { checkDType, type DType } from '../core/dtype.js';
import { optionsOf } from '../core/suggest.js';

export interface DTypeOptions {
  dtype?: DType;
}

/** The `dtype` of an op's options (checked, see core's `optionsOf`; `more`: its other options), if given. */
export const dtypeOpt = (
  opts: DTypeOptions | undefined,
  fn: string,
  more: readonly string[] = [],
): DType | undefined => {
  const { dtype } = optionsOf(opts, fn, ['dtype', ...more]);
  return dtype === undefined ? undefined : checkDType(dtype, fn, 'options.dtype');
};
