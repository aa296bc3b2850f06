/**
 * @file The formula AST. Every node keeps the span of source text it came from, so evaluation
 * errors (a missing variable value) can point back at the formula.
 */
import type { Span } from './errors.js';
import type { FunctionSpec } from './functions.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export type UnaryOp = '-' | '+';

export interface NumberNode {
  readonly type: 'number';
  readonly value: number;
  readonly text: string;
  readonly span: Span;
}
/** `pi`, `π` or `e`. */
export interface ConstantNode {
  readonly type: 'constant';
  readonly name: string;
  readonly value: number;
  readonly span: Span;
}
export interface VariableNode {
  readonly type: 'variable';
  readonly name: string;
  readonly span: Span;
}
/** A `${…}` placeholder of the tagged-template form; `index` is the interpolated value's position. */
export interface SlotNode {
  readonly type: 'slot';
  readonly index: number;
  readonly span: Span;
}
export interface UnaryNode {
  readonly type: 'unary';
  readonly op: UnaryOp;
  readonly arg: Node;
  readonly span: Span;
}
/** `^` also stands for `**` (the parser normalizes). */
export interface BinaryNode {
  readonly type: 'binary';
  readonly op: BinaryOp;
  readonly left: Node;
  readonly right: Node;
  readonly span: Span;
}
export interface CallNode {
  readonly type: 'call';
  /** The name as written (`ln` stays `ln`; `spec.op` says which op runs). */
  readonly name: string;
  readonly spec: FunctionSpec;
  readonly args: readonly Node[];
  readonly span: Span;
}

export type Node = NumberNode | ConstantNode | VariableNode | SlotNode | UnaryNode | BinaryNode | CallNode;

/**
 * Visit every node once, parents before children.
 *
 * @example
 * walk(parse('x + sin(y)'), (n) => console.log(n.type)); // binary, variable, call, variable
 */
export function walk(node: Node, visit: (node: Node) => void): void {
  // Iterative so that a long-but-legal formula cannot overflow the stack here.
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    if (n.type === 'unary') stack.push(n.arg);
    else if (n.type === 'binary') stack.push(n.right, n.left);
    else if (n.type === 'call') for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]!);
  }
}

/**
 * The sorted, distinct variable names of a formula and the span of each one's first use.
 *
 * @example
 * [...variablesOf(parse('y*x + x')).keys()]; // ['x', 'y']
 */
export function variablesOf(node: Node): Map<string, Span> {
  const first = new Map<string, Span>();
  walk(node, (n) => {
    if (n.type === 'variable') {
      const seen = first.get(n.name);
      if (seen === undefined || n.span.start < seen.start) first.set(n.name, n.span);
    }
  });
  return new Map([...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The first node found deeper than `limit` levels below the root, or undefined. Iterative, so it
 * is safe on trees too deep for recursive code.
 *
 * @example
 * deepestBeyond(parse('x + 1'), 5); // undefined
 */
export function deepestBeyond(root: Node, limit: number): Node | undefined {
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (depth > limit) return n;
    if (n.type === 'unary') stack.push([n.arg, depth + 1]);
    else if (n.type === 'binary') stack.push([n.right, depth + 1], [n.left, depth + 1]);
    else if (n.type === 'call') for (const a of n.args) stack.push([a, depth + 1]);
  }
  return undefined;
}
