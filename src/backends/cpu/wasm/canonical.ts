/**
 * @file A kernel spec in canonical form: its IR DAG hash-consed into a flat, operand-first node list (so equal
 * subexpressions — even separately built ones — become one node, computed once), with a string key that
 * identifies the spec for the module cache. Also where the WebAssembly lowering decides what it accepts: a
 * spec with an unknown op or dtypes that break the IR's rules gives null (the JavaScript lowering then runs).
 * Nodes of constants are folded here with `evaluate` (so exactly), as are `where` of a constant condition and
 * x·1: `jit`'s gradients are full of them (`mulNoNan(d, g)` is `where(g == 0, 0, d·g)` even where g is a
 * constant), and in the loop each would cost a few vector instructions per step.
 */
import { DTYPES, type DType } from '../../../core/dtype.js';
import { ALU_BINARY, ALU_UNARY, children, evaluate, isBinary, konst, roundTo, type Exp } from '../../../ir/exp.js';
import type { KernelSpec } from '../../../ir/kernel.js';

/** One distinct node; `args` index earlier nodes. */
export interface Node {
  op: Exp['op'];
  dtype: DType;
  args: number[];
  /** A constant's value, already rounded to its dtype. */
  value: number;
  /** An input's index. */
  index: number;
}

export interface Canonical {
  inputs: DType[];
  nodes: Node[];
  outputs: Array<{ node: number; sum: boolean }>;
  key: string;
}

const UNARY: ReadonlySet<string> = new Set(ALU_UNARY);
const BINARY: ReadonlySet<string> = new Set(ALU_BINARY);
const BOOL_RESULT: ReadonlySet<string> = new Set(['isnan', 'not', 'lt', 'le', 'eq', 'ne', 'and', 'or']);

function constKey(v: number): string {
  const b = new Float64Array([v]);
  return [...new Uint8Array(b.buffer)].map((x) => x.toString(16)).join('.');
}

/** Throws a TypeError naming lowerToWasm when `spec` is not a KernelSpec at all. */
export function checkSpec(spec: unknown): asserts spec is KernelSpec {
  const s = spec as KernelSpec;
  if (typeof spec !== 'object' || spec === null || !Array.isArray(s.inputs) || !Array.isArray(s.outputs)) {
    throw new TypeError(
      `lowerToWasm: spec must be an object { inputs: DType[], outputs: { exp, sum? }[] }; got ${String(spec)}`,
    );
  }
  s.inputs.forEach((d, k) => {
    if (!DTYPES.includes(d))
      throw new TypeError(
        `lowerToWasm: spec.inputs[${k}] must be one of ${DTYPES.join(', ')}; got ${JSON.stringify(d)}`,
      );
  });
  s.outputs.forEach((o, k) => {
    if (typeof o !== 'object' || o === null || typeof o.exp !== 'object' || o.exp === null) {
      throw new TypeError(`lowerToWasm: spec.outputs[${k}] must be { exp: Exp, sum?: boolean }`);
    }
  });
}

/** The canonical form of `spec`, or null when some node is outside what the lowering (or the IR) allows. */
export function canonicalize(spec: KernelSpec): Canonical | null {
  const nodes: Node[] = [],
    byKey = new Map<string, number>(),
    seen = new Map<Exp, number>();
  let ok = true;
  /** The node of `e`, its operands already numbered. */
  const build = (e: Exp): number => {
    const args = children(e).map((c) => seen.get(c)!);
    const node: Node = { op: e.op, dtype: e.dtype, args, value: 0, index: -1 };
    const argType = (i: number): DType => nodes[args[i]].dtype;
    if (e.op === 'const') {
      if (typeof e.value !== 'number') ok = false;
      node.value = roundTo(e.value, e.dtype);
    } else if (e.op === 'input') {
      node.index = e.index;
      if (
        !Number.isInteger(e.index) ||
        e.index < 0 ||
        e.index >= spec.inputs.length ||
        spec.inputs[e.index] !== e.dtype
      )
        ok = false;
    } else if (e.op === 'where') {
      if (argType(1) !== e.dtype || argType(2) !== e.dtype) ok = false;
    } else if (e.op === 'cast') {
      // any dtype to any dtype
    } else if (UNARY.has(e.op)) {
      if (BOOL_RESULT.has(e.op) ? e.dtype !== 'bool' : argType(0) !== e.dtype) ok = false;
    } else if (BINARY.has(e.op)) {
      if (argType(0) !== argType(1) || (BOOL_RESULT.has(e.op) ? e.dtype !== 'bool' : argType(0) !== e.dtype))
        ok = false;
    } else {
      ok = false;
    }
    if (ok) {
      const folded = fold(e, node, nodes);
      if (typeof folded === 'number') return folded;
      if (folded !== null) {
        node.op = 'const';
        node.args = [];
        node.value = folded.value;
      }
    }
    const key = `${node.op}:${node.dtype}:${node.args.join(',')}:${node.index}:${node.op === 'const' ? constKey(node.value) : ''}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = nodes.length;
      nodes.push(node);
      byKey.set(key, id);
    }
    return id;
  };
  const isExp = (e: unknown): e is Exp => typeof e === 'object' && e !== null && DTYPES.includes((e as Exp).dtype);
  // operands first, with an explicit stack: fused chains can be thousands of nodes deep
  const visit = (root: Exp): number => {
    const stack: Array<{ e: Exp; expanded: boolean }> = [{ e: root, expanded: false }];
    while (stack.length > 0 && ok) {
      const top = stack[stack.length - 1];
      if (seen.has(top.e)) {
        stack.pop();
        continue;
      }
      if (!isExp(top.e)) {
        ok = false;
        break;
      }
      if (!top.expanded) {
        top.expanded = true;
        for (const c of children(top.e)) if (!seen.has(c)) stack.push({ e: c, expanded: false });
        continue;
      }
      stack.pop();
      seen.set(top.e, build(top.e));
    }
    return ok ? seen.get(root)! : -1;
  };
  const outputs = spec.outputs.map((o) => ({ node: visit(o.exp), sum: o.sum === true }));
  if (!ok) return null;
  const key = [
    spec.inputs.join(','),
    nodes
      .map((n) => `${n.op}:${n.dtype}:${n.args.join(',')}:${n.index}:${n.op === 'const' ? constKey(n.value) : ''}`)
      .join(';'),
    outputs.map((o) => `${o.node}${o.sum ? 's' : ''}`).join(','),
  ].join('|');
  return { inputs: [...spec.inputs], nodes, outputs, key };
}

const isConst = (nodes: Node[], i: number, v?: number): boolean =>
  nodes[i].op === 'const' && (v === undefined || nodes[i].value === v);

/**
 * What node `e` simplifies to, exactly: an existing node's index (`where` of a constant condition, x·1), a
 * constant (every operand constant: the value `evaluate` gives), or null (nothing to fold).
 */
function fold(e: Exp, node: Node, nodes: Node[]): number | { value: number } | null {
  const { args } = node;
  if (e.op === 'const' || e.op === 'input') return null;
  if (e.op === 'where' && isConst(nodes, args[0])) return nodes[args[0]].value !== 0 ? args[1] : args[2];
  if (e.op === 'mul' && node.dtype !== 'bool') {
    if (isConst(nodes, args[1], 1)) return args[0];
    if (isConst(nodes, args[0], 1)) return args[1];
  }
  if (!args.every((a) => isConst(nodes, a))) return null;
  const k = args.map((a) => konst(nodes[a].value, nodes[a].dtype));
  const shallow =
    e.op === 'where'
      ? { ...e, cond: k[0], a: k[1], b: k[2] }
      : isBinary(e)
        ? { ...e, a: k[0], b: k[1] }
        : { ...e, a: k[0] };
  return { value: evaluate(shallow as Exp, []) };
}
