/**
 * @file The derivative as a label for plots, the CLI and the playground: its text and TeX when it
 * is readable (at most 200 nodes after simplification), else only the reason, so that nothing shows
 * a wall of TeX. The work is bounded too, so a formula whose derivative swells answers quickly.
 */
import { walk } from './ast.js';
import { checkVariable, derivativeTree, toFunction } from './derivative.js';
import type { ExprFunction } from './expr.js';
import { toTeX, toText } from './format.js';
import { TooLargeError } from './sym.js';

/** Longer derivatives than this many formula nodes are not shown. */
export const MAX_LABEL_NODES = 200;
/**
 * Distinct subterms the simplifier may build for a label before giving up: a derivative readable in 200 nodes
 * needs far fewer, and the worst formula the CLI accepts gives up within about 20 ms (bench/derivative.ts).
 */
const LABEL_WORK = 1_000;

/** A derivative to show, or why not. */
export type DerivativeLabel =
  | { readonly ok: true; readonly text: string; readonly tex: string; readonly nodes: number }
  | { readonly ok: false; readonly reason: string };

/**
 * ∂f/∂variable (or, for a list of variables, the derivative by each in turn: ['x', 'y'] is ∂²f/∂x∂y) for
 * display: `{ ok: true, text, tex, nodes }` or `{ ok: false, reason }` when it would be longer than
 * `maxNodes` nodes.
 *
 * @example
 * derivativeLabel(expr('5*sin(2*x) + x^2'), 'x'); // { ok: true, text: '10*cos(2*x) + 2*x', tex: '10\\cos(2x) + 2x', nodes: 9 }
 */
export function derivativeLabel(
  formula: ExprFunction,
  by: string | readonly string[],
  maxNodes = MAX_LABEL_NODES,
): DerivativeLabel {
  const f = toFunction(formula, 'derivativeLabel');
  const vars = typeof by === 'string' ? [by] : by;
  if (!Array.isArray(vars) || vars.length === 0)
    throw new TypeError(`derivativeLabel: by must be a variable name or a non-empty array of them (got ${String(by)})`);
  vars.forEach((v, i) => checkVariable(f, v, 'derivativeLabel', typeof by === 'string' ? 'by' : `by[${i}]`));
  if (!Number.isInteger(maxNodes) || maxNodes < 1)
    throw new RangeError(`derivativeLabel: maxNodes must be a positive integer (got ${String(maxNodes)})`);
  const tooLong = `the formula of the derivative is too long to show (over ${maxNodes} terms and operations)`;
  try {
    let tree = f.ast;
    for (const v of vars) tree = derivativeTree(tree, v, LABEL_WORK);
    let nodes = 0;
    walk(tree, () => {
      nodes++;
    });
    if (nodes > maxNodes) return { ok: false, reason: tooLong };
    return { ok: true, text: toText(tree), tex: toTeX(tree), nodes };
  } catch (err) {
    if (err instanceof TooLargeError) return { ok: false, reason: tooLong };
    throw err;
  }
}
