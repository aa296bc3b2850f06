/**
 * @file The names the formula language knows: functions with their arity and the gradtape op
 * each one calls (derived from the op tables' `formula` flags), and the constants. Kept free of
 * engine imports (the op tables are engine-free) so the parser (and a web page that only wants
 * syntax checking) does not load the tensor engine.
 */
import { UNARY } from '../primitives/unary-table.js';
import { BINARY } from '../primitives/binary-table.js';

type FormulaOps<T> = { [K in keyof T]: T[K] extends { formula: false } ? never : K }[keyof T];

/**
 * A gradtape op name (as exported from `gradtape`) that a formula calls: every op-table row with a formula
 * name, the operators' ops, and the composites below.
 */
export type OpName =
  | FormulaOps<typeof UNARY>
  | FormulaOps<typeof BINARY>
  | 'neg'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'elu'
  | 'heaviside';

/** A function callable from a formula. */
export interface FunctionSpec {
  /** The gradtape op it calls. */
  readonly op: OpName;
  /** Number of arguments it takes. */
  readonly arity: 1 | 2;
}

/** Formula functions that are composites in ops/ (no op-table row of their own). */
const COMPOSITES: Record<string, FunctionSpec> = {
  elu: { op: 'elu', arity: 1 },
  heaviside: { op: 'heaviside', arity: 2 },
};

function fromTable(
  table: Readonly<Record<string, { readonly formula: boolean | readonly string[] }>>,
  arity: 1 | 2,
): [string, FunctionSpec][] {
  return Object.entries(table).flatMap(([op, row]) =>
    (row.formula === false ? [] : row.formula === true ? [op] : row.formula).map((name): [string, FunctionSpec] => [
      name,
      { op: op as OpName, arity },
    ]),
  );
}

/** Every function name a formula may call (`ln` is an alias of `log`): the op tables' formula rows. */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze(
  Object.fromEntries([...fromTable(UNARY, 1), ...Object.entries(COMPOSITES), ...fromTable(BINARY, 2)]),
);

/** Named constants. `e` is Euler's number, so it cannot be a variable name. */
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, π: Math.PI, e: Math.E });

/**
 * True when `name` is a function a formula may call.
 *
 * @example
 * isFunctionName('atan2'); // true
 */
export function isFunctionName(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}

/**
 * True when `name` is a constant (`pi`, `π`, `e`).
 *
 * @example
 * isConstantName('e'); // true
 */
export function isConstantName(name: string): boolean {
  return Object.hasOwn(CONSTANTS, name);
}
