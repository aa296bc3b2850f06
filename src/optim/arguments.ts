/**
 * @file Argument checks shared by the optimizers' public methods: learning rates, variable lists, loss functions.
 * Every message names the optimizer, the method and the argument.
 */
import { describe, num } from './options.js';
import { LearningRateSchedule, type LearningRate } from './schedules.js';
import { type Variable, isVariable, floatDTypeOf } from './bridge.js';

/** A number >= 0, a schedule or a function of the step. @example checkLearningRate('SGD', 0.01) // 0.01 */
export function checkLearningRate(owner: string, lr: unknown): LearningRate {
  // Duck-typed as well as instanceof: a schedule from another copy of the library still has call(step).
  const isSchedule =
    lr instanceof LearningRateSchedule ||
    (typeof lr === 'object' && lr !== null && typeof (lr as { call?: unknown }).call === 'function');
  if (isSchedule || typeof lr === 'function') return lr as LearningRate;
  return num(owner, { learningRate: lr }, 'learningRate', NaN, { min: 0 });
}

/** `v` as a Variable, or an error naming its position in the list. @example checkVar('SGD', 'minimize', x, 0) */
export function checkVar(owner: string, fn: string, v: unknown, i: number, list = 'varList'): Variable {
  if (!isVariable(v)) {
    throw new Error(
      `${owner}.${fn}: ${list}[${i}] must be a Variable (got ${describe(v)}); wrap values in new Variable(…)`,
    );
  }
  return v;
}

/**
 * A variable listed twice would be stepped twice: refuse it (quadratic scan: lists are short).
 * @example assertDistinct('SGD', 'minimize', [x, y]);
 */
export function assertDistinct(owner: string, fn: string, vars: Variable[]): void {
  for (let i = 1; i < vars.length; i++) {
    for (let j = 0; j < i; j++) {
      if (vars[i] === vars[j]) throw new Error(`${owner}.${fn}: variable '${vars[i]!.name}' appears twice`);
    }
  }
}

/**
 * Keras 2's `var_list` (an array or a function returning one), checked to be distinct float Variables.
 * @example resolveVarList('SGD', loss, () => [x, y]) // [x, y]
 */
export function resolveVarList(owner: string, loss: unknown, varList: unknown, fn = 'minimize'): Variable[] {
  if (typeof loss !== 'function') {
    throw new Error(`${owner}.${fn}: loss must be a function returning a scalar Tensor (got ${describe(loss)})`);
  }
  const list = typeof varList === 'function' ? (varList as () => unknown)() : varList;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(`${owner}.${fn}: varList must be a non-empty array of Variables (got ${describe(list)})`);
  }
  const vars = list.map((v, i) => {
    floatDTypeOf(checkVar(owner, fn, v, i), owner, fn);
    return v as Variable;
  });
  assertDistinct(owner, fn, vars);
  return vars;
}
