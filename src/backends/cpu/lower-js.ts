/**
 * @file The JavaScript lowering of the elementwise IR: source text per element, compiled with `new Function`
 * into loops V8 optimises one by one (a shared loop calling a function per element would go megamorphic and
 * run several times slower). Used for the eager kernels (elementwise.ts, unary-grad.ts, which wrap the
 * per-element code in their own unrolled loops) and for `jit`'s fused kernels (`lowerToJs`).
 *
 * How an expression becomes code: a node used once is inlined into its user; a node used more than once (or
 * whose code repeats an operand, like `sign`) is computed once into a `const`; branches of `where` stay lazy
 * (`c ? a : b`), so sigmoid's two exps cost one per element. Each ALU node rounds to its dtype as the IR says
 * (`Math.fround`, `| 0`); a value stored into a Float32Array or Int32Array leaves its last rounding to the
 * store, which rounds the same way. Float32 fast math (`spec.fastMath`): float32 nodes stay in double
 * precision (rounded once, when stored) and exp/sin/cos use fastmath.ts, sin and cos of one value sharing one
 * range reduction.
 */
import type { DType } from '../../core/dtype.js';
import { isBinary, topoSort, type AluBinary, type AluUnary, type Exp } from '../../ir/exp.js';
import type { Kernel, KernelSpec } from '../../ir/kernel.js';
import { erf, roundHalfEven } from '../../ir/special.js';
import { fastExp, sinCosSource } from './fastmath.js';

/** Floored modulo: the result takes the sign of the divisor (numpy `mod`, TF `floormod`). */
function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Functions generated code calls, passed into every generated function's scope. */
const HELPERS = { erf, roundHalfEven, floorMod, fastExp };
const cache = new Map<string, unknown>();

/** Compiles `source` (which evaluates to a function) once per distinct text, with the helpers in scope. */
export function compileJs<F>(source: string): F {
  let f = cache.get(source);
  if (f === undefined) {
    f = new Function(...Object.keys(HELPERS), `"use strict"; return ${source}`)(...Object.values(HELPERS));
    cache.set(source, f);
  }
  return f as F;
}

const UNARY_JS: Record<AluUnary, (a: string) => string> = {
  neg: (a) => `-${a}`,
  abs: (a) => `Math.abs(${a})`,
  sign: (a) => `${a} > 0 ? 1 : ${a} < 0 ? -1 : ${a}`,
  floor: (a) => `Math.floor(${a})`,
  ceil: (a) => `Math.ceil(${a})`,
  roundEven: (a) => `roundHalfEven(${a})`,
  sqrt: (a) => `Math.sqrt(${a})`,
  exp: (a) => `Math.exp(${a})`,
  expm1: (a) => `Math.expm1(${a})`,
  log: (a) => `Math.log(${a})`,
  log1p: (a) => `Math.log1p(${a})`,
  sin: (a) => `Math.sin(${a})`,
  cos: (a) => `Math.cos(${a})`,
  tan: (a) => `Math.tan(${a})`,
  asin: (a) => `Math.asin(${a})`,
  acos: (a) => `Math.acos(${a})`,
  atan: (a) => `Math.atan(${a})`,
  sinh: (a) => `Math.sinh(${a})`,
  cosh: (a) => `Math.cosh(${a})`,
  tanh: (a) => `Math.tanh(${a})`,
  asinh: (a) => `Math.asinh(${a})`,
  acosh: (a) => `Math.acosh(${a})`,
  atanh: (a) => `Math.atanh(${a})`,
  erf: (a) => `erf(${a})`,
  isnan: (a) => `${a} !== ${a} ? 1 : 0`,
  not: (a) => `${a} === 0 ? 1 : 0`,
};

const BINARY_JS: Record<AluBinary, (a: string, b: string) => string> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  pow: (a, b) => `Math.pow(${a}, ${b})`,
  atan2: (a, b) => `Math.atan2(${a}, ${b})`,
  mod: (a, b) => `floorMod(${a}, ${b})`,
  // numpy semantics: NaN wins; ties keep the first argument
  max: (a, b) => `${a} >= ${b} || ${a} !== ${a} ? ${a} : ${b}`,
  min: (a, b) => `${a} <= ${b} || ${a} !== ${a} ? ${a} : ${b}`,
  lt: (a, b) => `${a} < ${b} ? 1 : 0`,
  le: (a, b) => `${a} <= ${b} ? 1 : 0`,
  eq: (a, b) => `${a} === ${b} ? 1 : 0`,
  ne: (a, b) => `${a} !== ${b} ? 1 : 0`,
  and: (a, b) => `${a} !== 0 && ${b} !== 0 ? 1 : 0`,
  or: (a, b) => `${a} !== 0 || ${b} !== 0 ? 1 : 0`,
};

/** How many times each template writes its operands: an operand written twice is computed once into a const. */
const REPEATS: Partial<Record<string, [number, number]>> = { sign: [3, 0], isnan: [2, 0], max: [3, 2], min: [3, 2] };
/** Ops whose value is 0 or 1 by construction (no rounding needed for a bool result). */
const BOOLEAN = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or', 'isnan', 'not']);
const PREDICATE: Partial<Record<string, string>> = { lt: '<', le: '<=', eq: '===', ne: '!==' };

/** A number as JavaScript source, exact and with its special values. */
export function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v < 0 ? `(${v})` : String(v);
}

const constValue = (e: Extract<Exp, { op: 'const' }>): number => {
  switch (e.dtype) {
    case 'float32':
      return Math.fround(e.value);
    case 'int32':
      return e.value | 0;
    case 'bool':
      return e.value !== 0 ? 1 : 0;
    default:
      return e.value;
  }
};

export interface JsElement {
  /** Statements (loads and shared values) to run per element, before the values are used. */
  readonly stmts: string;
  /** The value of each root, as an expression. */
  readonly values: string[];
}

/**
 * The code computing `roots` for one element. `load(k)` is the expression reading input k's element; only the
 * inputs the roots use are read. `store[j]`, when given, is the dtype of the typed array root j is stored
 * into: its last rounding is then left to the store. Names it declares are `x<k>` and `t<k>`, so the caller's
 * own names must differ.
 */
export function jsElement(
  roots: readonly Exp[],
  load: (k: number) => string,
  opts: { fastMath?: boolean; store?: readonly (DType | undefined)[] } = {},
): JsElement {
  const fast = opts.fastMath === true;
  const nodes = topoSort(roots);
  const id = new Map<Exp, number>(nodes.map((n, i) => [n, i]));
  const uses = new Map<Exp, number>();
  const use = (e: Exp, times = 1): void => {
    uses.set(e, (uses.get(e) ?? 0) + times);
  };
  for (const n of nodes) {
    const rep = REPEATS[n.op];
    if (n.op === 'where') {
      use(n.cond);
      use(n.a);
      use(n.b);
    } else if (n.op === 'cast') use(n.a);
    else if (isBinary(n)) {
      use(n.a, rep?.[0] ?? 1);
      use(n.b, rep?.[1] ?? 1);
    } else if (n.op !== 'const' && n.op !== 'input') use((n as { a: Exp }).a, rep?.[0] ?? 1);
  }
  for (const r of roots) use(r);

  const fastTrig = (n: Exp): n is Exp & { op: 'sin' | 'cos'; a: Exp } =>
    fast && n.dtype === 'float32' && (n.op === 'sin' || n.op === 'cos');
  // sin and cos of one operand share one variable each and one range reduction
  const trig = new Map<Exp, { sin?: string; cos?: string; done: boolean }>();
  const names = new Map<Exp, string>();
  const aliases = new Set<Exp>(),
    inputNames = new Map<number, Exp>();
  for (const n of nodes) {
    if (n.op === 'input') {
      // two nodes reading one input share its load; an input the caller already holds in a variable is used as
      // it is (a copy into a const costs bytecode, which can push a function past V8's inlining budget)
      const first = inputNames.get(n.index),
        held = load(n.index);
      if (first !== undefined || /^[A-Za-z_$][\w$]*$/.test(held)) aliases.add(n);
      if (first === undefined) inputNames.set(n.index, n);
      names.set(n, /^[A-Za-z_$][\w$]*$/.test(held) ? held : `x${n.index}`);
    } else if (fastTrig(n)) {
      const t = trig.get(n.a) ?? { done: false };
      trig.set(n.a, t);
      names.set(n, (t[n.op] ??= `t${id.get(n)}`));
    } else if (n.op !== 'const' && (uses.get(n) ?? 0) > 1) names.set(n, `t${id.get(n)}`);
  }

  const atom = (e: string): string => (/^[\w.]+$/.test(e) ? e : `(${e})`);
  const round = (n: Exp, e: string, last: boolean): string => {
    if (last || n.op === 'where' || n.op === 'const' || n.op === 'input' || n.op === 'cast') return e;
    switch (n.dtype) {
      case 'float32':
        return fast ? e : `Math.fround(${e})`;
      case 'int32':
        return `${atom(e)} | 0`;
      case 'bool':
        return BOOLEAN.has(n.op) ? e : `${atom(e)} !== 0 ? 1 : 0`;
      default:
        return e;
    }
  };
  const value = (n: Exp): string => names.get(n) ?? build(n, false);
  const pred = (n: Exp): string => {
    if (!names.has(n)) {
      const p = PREDICATE[n.op];
      if (p !== undefined && isBinary(n)) return `${atom(value(n.a))} ${p} ${atom(value(n.b))}`;
      if (n.op === 'not') return `!(${pred(n.a)})`;
      if (n.op === 'isnan') {
        const a = atom(value(n.a));
        return `${a} !== ${a}`;
      }
      if (n.op === 'and' || n.op === 'or') return `(${pred(n.a)}) ${n.op === 'and' ? '&&' : '||'} (${pred(n.b)})`;
    }
    return `${atom(value(n))} !== 0`;
  };
  /** The code of node `n` from its operands' values; `last`: its own rounding is left to the store. */
  function build(n: Exp, last: boolean): string {
    switch (n.op) {
      case 'const':
        return literal(constValue(n));
      case 'input':
        return load(n.index);
      case 'where':
        return `${pred(n.cond)} ? ${atom(value(n.a))} : ${atom(value(n.b))}`;
      case 'cast': {
        const v = value(n.a),
          from = n.a.dtype;
        switch (n.dtype) {
          case 'float64':
            return v;
          case 'float32':
            return fast || last ? v : `Math.fround(${v})`;
          case 'int32':
            return from === 'int32' || from === 'bool' || last ? v : `${atom(v)} | 0`;
          case 'bool':
            return from === 'bool' ? v : `${atom(v)} !== 0 ? 1 : 0`;
        }
      }
    }
    if (isBinary(n)) return round(n, BINARY_JS[n.op](atom(value(n.a)), atom(value(n.b))), last);
    const u = n as Extract<Exp, { op: AluUnary }>;
    const code =
      fast && u.dtype === 'float32' && u.op === 'exp' ? `fastExp(${value(u.a)})` : UNARY_JS[u.op](atom(value(u.a)));
    return round(u, code, last);
  }

  const stmts: string[] = [];
  for (const n of nodes) {
    const name = names.get(n);
    if (name === undefined || aliases.has(n)) continue;
    if (fastTrig(n)) {
      const t = trig.get(n.a)!;
      if (t.done) continue;
      t.done = true;
      stmts.push(`let ${[t.sin, t.cos].filter((v) => v !== undefined).join(', ')};`);
      stmts.push(sinCosSource(value(n.a), t.sin ?? null, t.cos ?? null));
      continue;
    }
    stmts.push(`const ${name} = ${build(n, false)};`);
  }
  const lastRounding = (r: Exp, j: number): boolean =>
    opts.store?.[j] === r.dtype && (r.dtype === 'float32' || r.dtype === 'int32');
  return { stmts: stmts.join(' '), values: roots.map((r, j) => names.get(r) ?? build(r, lastRounding(r, j))) };
}

/** The source of the fused loop for `spec`, inputs marked in `scalars` (a bit per input) read once, before it. */
export function kernelSource(spec: KernelSpec, scalars = 0): string {
  const pre: string[] = [],
    post: string[] = [],
    body: string[] = [];
  spec.inputs.forEach((_d, k) => {
    pre.push(`const I${k} = ins[${k}];`);
    if ((scalars >> k) & 1) pre.push(`const s${k} = I${k}[0];`);
  });
  const el = jsElement(
    spec.outputs.map((o) => o.exp),
    (k) => ((scalars >> k) & 1 ? `s${k}` : `I${k}[i]`),
    {
      fastMath: spec.fastMath,
      store: spec.outputs.map((o) => (o.sum ? undefined : o.exp.dtype)),
    },
  );
  spec.outputs.forEach((o, j) => {
    pre.push(`const O${j} = outs[${j}];`);
    if (o.sum) {
      pre.push(`let acc${j} = 0;`);
      body.push(`acc${j} += ${el.values[j]};`);
      post.push(`O${j}[0] = acc${j};`);
    } else body.push(`O${j}[i] = ${el.values[j]};`);
  });
  return `function fused(n, ins, outs) {\n${pre.join('\n')}\nfor (let i = 0; i < n; i++) {\n${el.stmts}\n${body.join('\n')}\n}\n${post.join('\n')}\n}`;
}

/**
 * The JavaScript kernel for `spec`. Which inputs are one-element scalars is known only per call: each pattern
 * gets its own loop, with the scalars read once before it (compiled on first use, cached by source).
 */
export function lowerToJs(spec: KernelSpec): Kernel {
  const variants: Kernel[] = [];
  const k = spec.inputs.length;
  return (n, ins, outs) => {
    let m = 0;
    if (n !== 1) for (let j = 0; j < k; j++) if (ins[j].length === 1) m |= 1 << j;
    (variants[m] ??= compileJs(kernelSource(spec, m)))(n, ins, outs);
  };
}
