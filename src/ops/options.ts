/** @file The options argument of the ops, checked: not exported from the package. */
import { checkDType, type DType } from '../core/dtype.js';
import { optionsOf } from '../core/suggest.js';

export interface DTypeOptions {
  dtype?: DType;
}

/** The checked `dtype` of options already checked for unknown keys (`random.*`, whose options have more), if given. */
export const dtypeOf = (opts: DTypeOptions, fn: string): DType | undefined =>
  opts.dtype === undefined ? undefined : checkDType(opts.dtype, fn, 'options.dtype');

/** The `dtype` of an op whose only option it is (checked, see core's `optionsOf`), if given. */
export const dtypeOpt = (opts: DTypeOptions | undefined, fn: string): DType | undefined =>
  dtypeOf(optionsOf(opts, fn, ['dtype']), fn);
