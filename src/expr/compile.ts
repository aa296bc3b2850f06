/**
 * @file AST -> evaluator. The evaluator only calls the op functions it is given, so with
 * gradtape's ops it runs on tensors and is differentiable by GradientTape and `grad`; with plain
 * `Math` functions (see the tests) it is a scalar reference evaluator.
 *
 * The tree is turned into nested closures once, so evaluating a formula many times (every frame
 * of an animation, every step of an optimizer) does not re-walk the AST.
 */
import type { Node } from './ast.js';
import type { OpName } from './functions.js';

/** The op functions an evaluator calls, by gradtape name. `T` is the value type (Tensor). */
export type OpTable<T> = { readonly [K in OpName]: (...args: Array<T | number>) => T };

/** Values for one evaluation: variables by name and template slots by index. */
export interface Bindings<V> {
  readonly variables: ReadonlyMap<string, V>;
  readonly slots: readonly V[];
}

/**
 * An evaluator. It returns a plain number when the formula is constant arithmetic (`2*pi`), so
 * that the caller decides how to wrap constants; a function of constants (`sin(1)`) goes through
 * the ops like everything else.
 */
export type Evaluator<T, V> = (bindings: Bindings<V>) => T | V | number;

const FOLD: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
};

/**
 * Compile an AST into an evaluator over the given ops. Numbers and constants stay JS numbers
 * (ops accept them), so `2*x` on a float32 `x` stays float32.
 *
 * @example
 * const ev = compile(parse('x^2 + 1'), mathOps);
 * ev({ variables: new Map([['x', 3]]), slots: [] }); // 10
 */
export function compile<T, V = T>(node: Node, ops: OpTable<T>): Evaluator<T, V> {
  type Value = T | V | number;
  type Run = (b: Bindings<V>) => Value;
  // Values reach ops as they are; the public ops accept tensors, Variables, numbers and arrays.
  const call = (name: OpName, ...args: Value[]): T => ops[name](...(args as Array<T | number>));
  const build = (n: Node): Run => {
    switch (n.type) {
      case 'number':
      case 'constant': {
        const value = n.value;
        return () => value;
      }
      case 'variable': {
        const name = n.name;
        // Presence is checked before evaluation (see expr.ts), so a lookup miss is a bug.
        return (b) => b.variables.get(name) as V;
      }
      case 'slot': {
        const index = n.index;
        return (b) => b.slots[index] as V;
      }
      case 'unary': {
        const arg = build(n.arg);
        if (n.op === '+') return arg;
        return (b) => {
          const v = arg(b);
          return typeof v === 'number' ? -v : call('neg', v);
        };
      }
      case 'binary': {
        const left = build(n.left);
        const right = build(n.right);
        const op: OpName =
          n.op === '+' ? 'add' : n.op === '-' ? 'sub' : n.op === '*' ? 'mul' : n.op === '/' ? 'div' : 'pow';
        const fold = FOLD[n.op];
        return (b) => {
          const l = left(b);
          const r = right(b);
          // Constant arithmetic stays a JS number (IEEE float64, as the ops compute it), so a
          // literal like 2/3 acts as a weakly-typed scalar and keeps float32 inputs float32.
          return typeof l === 'number' && typeof r === 'number' ? fold(l, r) : call(op, l, r);
        };
      }
      case 'call': {
        const op = n.spec.op;
        const args = n.args.map(build);
        if (args.length === 1) {
          const a = args[0]!;
          return (b) => call(op, a(b));
        }
        const [a, c] = args as [Run, Run];
        return (b) => call(op, a(b), c(b));
      }
    }
  };
  return build(node);
}
