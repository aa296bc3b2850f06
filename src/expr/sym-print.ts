/**
 * @file The algebra's form back to a formula tree, written as a student would: the coefficient first
 * (`2*x`, not `x*2`), then constants, powers of variables, function calls and parenthesized sums;
 * numeric negative powers as a denominator (`1/(2*sqrt(x))`); a rational coefficient as `4/5*cos(4*x)`
 * or `x/2`; a negative term in a sum as subtraction. The tree is printed with `toText` and parsed
 * again by the caller, so it only has to print right, not carry spans.
 */
import type { BinaryOp, Node } from './ast.js';
import { FUNCTIONS } from './functions.js';
import { isNegative, isOne, ratNeg, ratText, rat, valueOf, type Rat } from './rational.js';
import type { Factor, Sym } from './sym.js';

const at = { start: 0, end: 0 };
const numberNode = (text: string): Node => ({ type: 'number', value: Number(text), text, span: at });
const bin = (op: BinaryOp, left: Node, right: Node): Node => ({ type: 'binary', op, left, right, span: at });
const neg = (arg: Node): Node => ({ type: 'unary', op: '-', arg, span: at });
const callNode = (name: string, args: Node[]): Node => ({ type: 'call', name, spec: FUNCTIONS[name]!, args, span: at });

/** A non-negative exact number: `3`, `4/5`, `0.2`. */
function ratNode(r: Rat): Node {
  const { num, den } = ratText(r);
  return den === undefined ? numberNode(num) : bin('/', numberNode(num), numberNode(den));
}

function numNode(r: Rat): Node {
  return isNegative(r) ? neg(ratNode(ratNeg(r))) : ratNode(r);
}

/** Put a minus sign on the leftmost operand of a product or quotient: -(2*x)/y prints -2*x/y. */
function negateLeftmost(n: Node): Node {
  if (n.type === 'binary' && (n.op === '*' || n.op === '/')) return bin(n.op, negateLeftmost(n.left), n.right);
  return neg(n);
}

const product = (nodes: Node[]): Node | undefined =>
  nodes.length === 0 ? undefined : nodes.reduce((a, b) => bin('*', a, b));

/** Reading order of factors: numbers, constants, variables, functions and powers with symbolic exponents, sums. */
function rank(f: Factor): number {
  if (f.exp.k !== 'num') return 3;
  const b = f.base;
  return b.k === 'num' ? 0 : b.k === 'const' ? 1 : b.k === 'var' ? 2 : b.k === 'call' ? 3 : 4;
}

/** base^e for e > 0 (e = 1/2 is a square root). */
function powerNode(base: Sym, exp: Sym): Node {
  if (exp.k === 'num') {
    if (isOne(exp.r)) return symToNode(base);
    if (exp.r.p === 1 && exp.r.q === 2) return callNode('sqrt', [symToNode(base)]);
    return bin('^', symToNode(base), ratNode(exp.r));
  }
  return bin('^', symToNode(base), symToNode(exp));
}

function mulNode(coef: Rat, factors: readonly Factor[]): Node {
  const sorted = factors
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j)
    .map(([f]) => f);
  const top: Node[] = [];
  const bottom: Node[] = [];
  for (const f of sorted) {
    if (f.exp.k === 'num' && isNegative(f.exp.r)) bottom.push(powerNode(f.base, { ...f.exp, r: ratNeg(f.exp.r) }));
    else top.push(powerNode(f.base, f.exp));
  }
  const negative = isNegative(coef);
  const c = negative ? ratNeg(coef) : coef;
  const { num, den } = ratText(c);
  let node: Node;
  if (bottom.length === 0 && den !== undefined && num !== '1') {
    node = bin('*', ratNode(c), product(top)!); // 4/5*cos(4*x)
  } else {
    const numerator = product([...(num !== '1' ? [numberNode(num)] : []), ...top]) ?? numberNode('1');
    const denominator = product([...(den !== undefined ? [numberNode(den)] : []), ...bottom]);
    node = denominator === undefined ? numerator : bin('/', numerator, denominator);
  }
  return negative ? negateLeftmost(node) : node;
}

function addNode(terms: readonly Sym[]): Node {
  let node: Node | undefined;
  for (const t of terms) {
    const c = t.k === 'num' ? t.r : t.k === 'mul' ? t.coef : rat(1);
    if (node === undefined) node = symToNode(t);
    else if (valueOf(c) < 0)
      node = bin(
        '-',
        node,
        symToNode(t.k === 'num' ? { ...t, r: ratNeg(t.r) } : { ...(t as Sym & { k: 'mul' }), coef: ratNeg(c) }),
      );
    else node = bin('+', node, symToNode(t));
  }
  return node!;
}

/**
 * The formula tree of a simplified expression.
 *
 * @example
 * toText(symToNode(A.add(A.mul(A.int(2), x), A.one))); // '2*x + 1'
 */
export function symToNode(s: Sym): Node {
  switch (s.k) {
    case 'num':
      return numNode(s.r);
    case 'const':
      return { type: 'constant', name: s.name, value: s.name === 'pi' ? Math.PI : Math.E, span: at };
    case 'var':
      return { type: 'variable', name: s.name, span: at };
    case 'call':
      return callNode(s.name, s.args.map(symToNode));
    case 'add':
      return addNode(s.terms);
    case 'mul':
      return mulNode(s.coef, s.factors);
  }
}
