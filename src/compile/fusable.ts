/**
 * @file Which primitives a fused loop can compute, and the JavaScript expression for each. The expressions
 * are the CPU backend's own (shared, not copied), so a fused loop computes exactly what the eager kernels do;
 * each result is then rounded to its dtype as the eager kernel's typed-array store would round it.
 */
import type { PrimitiveDef } from '../core/primitive.js';
import type { DType } from '../core/dtype.js';
import { unaryDefOf } from '../primitives/unary.js';
import { binaryDefOf } from '../primitives/binary.js';
import { UNARY_EXPR, BINARY_EXPR } from '../backends/cpu/elementwise.js';
import type { BinaryName, UnaryName } from '../backends/backend.js';

interface Sized { readonly size: number; readonly dtype: DType }

/** The operands' local names inside an expression, in input order. */
const NAMES = ['a', 'b', 'c'];

/**
 * The expression computing `def` from locals named a, b (c for `where`: c, a, b → cond, then, else), or
 * null when `def` is not elementwise. Inputs must each be a scalar or have the output's size, checked by
 * `isFusable`.
 */
export function exprOf(def: PrimitiveDef, inputs: readonly Sized[], out: Sized, params: unknown): string | null {
  const name = def.name;
  if (inputs.length === 1 && unaryDefOf(name as UnaryName) === def) return UNARY_EXPR[name as UnaryName];
  if (inputs.length === 2 && binaryDefOf(name as BinaryName) === def) return BINARY_EXPR[name as BinaryName];
  if (name === 'where' && inputs.length === 3) return 'c !== 0 ? a : b';
  if (name === 'broadcastTo' && inputs.length === 1 && inputs[0].size === 1) return 'a';
  if (name === 'cast' && inputs.length === 1 && typeof params === 'string') {
    const to = params as DType, from = inputs[0].dtype;
    if (to === 'bool') return 'a !== 0 ? 1 : 0';
    if (to === 'int32' && (from === 'float32' || from === 'float64')) return 'Math.trunc(a)';
    return 'a';
  }
  void out;
  return null;
}

/** Operand names for `def`'s inputs (where's condition comes first but is called c). */
export const operandNames = (def: PrimitiveDef, arity: number): string[] => (def.name === 'where' ? ['c', 'a', 'b'] : NAMES.slice(0, arity));

/** True when `def` is elementwise and every input is a scalar or as large as the output (no real broadcasting). */
export function isFusable(def: PrimitiveDef, inputs: readonly Sized[], out: Sized, params?: unknown): boolean {
  for (const x of inputs) if (x.size !== 1 && x.size !== out.size) return false;
  return exprOf(def, inputs, out, params) !== null;
}

/** Wraps an expression so its value is what storing it in a `dtype` typed array would keep. */
export function roundTo(dtype: DType, e: string): string {
  switch (dtype) {
    case 'float64': return e;
    case 'float32': return `Math.fround(${e})`;
    case 'int32': return `((${e}) | 0)`;
    case 'bool': return `((${e}) & 255)`;
  }
}
