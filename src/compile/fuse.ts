/**
 * @file Fusion: partitions a traced graph into steps — fused loops over chains of elementwise nodes of one
 * size (with scalar operands hoisted, and full `sum` reductions accumulated in the same loop), and eager
 * nodes for everything else (matmul, axis reductions, movement ops) — then generates each loop's code.
 */
import type { DType } from '../core/dtype.js';
import type { Graph, GNode, Slot } from './graph.js';
import { exprOf, isFusable, operandNames, roundTo } from './fusable.js';
import { compileKernel, type Kernel } from './codegen.js';
import { sinCosSource } from './fastmath.js';

/** One fused loop: `members` in order; `ins`/`outs` are root slots read from and written to memory. */
export interface GroupStep {
  kind: 'group';
  n: number;
  members: GNode[];
  /** Members that are full sums (their output is a scalar accumulated across the loop). */
  reductions: Set<number>;
  ins: number[];
  outs: number[];
  source: string;
  kernel: Kernel;
}
export interface EagerStep { kind: 'eager'; node: GNode }
export type Step = GroupStep | EagerStep;

export interface FuseOptions {
  /** Use the fast float32 sin/cos/exp/log approximations in float32 loops (see fastmath.ts). */
  fastMath?: boolean;
}

interface Group { n: number; members: GNode[]; reductions: Set<number>; closed: boolean }

/**
 * Most nodes fused into one loop. Each member is a local of the generated kernel, and a kernel of tens of
 * thousands of locals overflows V8's stack when called (`jit(grad(f))` of a 10,000-op chain threw a raw
 * RangeError); past a few hundred members V8 also stops optimising the kernel, so longer chains gain nothing
 * from one loop. A full group is closed and the chain goes on in the next, its boundary value stored once.
 */
export const MAX_GROUP_MEMBERS = 512;

/** A `sum` over every axis of a non-scalar input: fused as an accumulator. */
const isFullSum = (node: GNode, slots: Slot[]): boolean =>
  node.def.name === 'sum' && slots[node.out].size === 1 && slots[node.ins[0]].size !== 1;

/** A `sum` of a one-element tensor is a copy. */
const isTrivialSum = (node: GNode, slots: Slot[]): boolean =>
  node.def.name === 'sum' && slots[node.out].size === 1 && slots[node.ins[0]].size === 1;

/** Partitions `g` into steps in a valid execution order. */
export function schedule(g: Graph, opts: FuseOptions = {}): Step[] {
  const { slots } = g;
  const root = (s: number): number => slots[s].root;
  const owner = new Map<number, Group>();
  const open = new Map<number, Group>();
  const order: (Group | GNode)[] = [];
  const close = (gr: Group): void => {
    if (gr.closed) return;
    gr.closed = true;
    order.push(gr);
    if (open.get(gr.n) === gr) open.delete(gr.n);
  };
  // a value produced by an open group must be complete before anything outside the group (or a reduction's consumer) reads it
  const need = (s: number, into: Group | undefined): void => {
    const r = root(s), o = owner.get(r);
    if (o && !o.closed && (o !== into || o.reductions.has(r))) close(o);
  };
  for (const node of g.nodes) {
    const out = slots[node.out];
    const full = isFullSum(node, slots);
    if (full || isTrivialSum(node, slots) || isFusable(node.def, node.ins.map((s) => slots[s]), out, node.params)) {
      const key = full ? slots[node.ins[0]].size : out.size;
      for (const s of node.ins) need(s, open.get(key));
      let gr = open.get(key);
      if (!gr) { gr = { n: key, members: [], reductions: new Set(), closed: false }; open.set(key, gr); }
      gr.members.push(node);
      owner.set(node.out, gr);
      if (full) gr.reductions.add(node.out);
      if (gr.members.length >= MAX_GROUP_MEMBERS) close(gr);
    } else {
      for (const s of node.ins) need(s, undefined);
      order.push(node);
    }
  }
  for (const gr of [...open.values()]) close(gr);

  // which group members must be written to memory: those read by another step, a result, or a Variable write
  const external = new Set<number>([...g.outputs, ...g.writes.map((w) => w.slot)].map(root));
  for (const st of order) {
    if ('def' in st) { for (const s of st.ins) external.add(root(s)); continue; }
    for (const m of st.members) for (const s of m.ins) if (owner.get(root(s)) !== st) external.add(root(s));
  }
  return order.map((st) => ('def' in st ? { kind: 'eager', node: st } : lower(st, slots, external, opts)));
}

/** Generates the loop of one group. */
function lower(gr: Group, slots: Slot[], external: Set<number>, opts: FuseOptions): GroupStep {
  const root = (s: number): number => slots[s].root;
  const mine = new Set(gr.members.map((m) => m.out));
  const ins: number[] = [];
  const pre: string[] = [], body: string[] = [], post: string[] = [];
  for (const m of gr.members) {
    for (const s of m.ins) {
      const r = root(s);
      if (mine.has(r) || ins.includes(r) || pre.some((l) => l.startsWith(`const v${r} =`))) continue;
      // scalar constants become literals, so V8 folds e.g. mulNoNan's zero test against a constant 1 away
      const c = slots[r].kind === 'const' && slots[r].size === 1 ? literal(slots[r].value!._data[0]) : null;
      if (c !== null) pre.push(`const v${r} = ${c};`);
      else ins.push(r);
    }
  }
  const outs = gr.members.map((m) => m.out).filter((s) => external.has(s) || gr.reductions.has(s));
  ins.forEach((r, k) => {
    pre.push(`const I${k} = ins[${k}];`);
    if (slots[r].size === 1 && gr.n !== 1) pre.push(`const v${r} = I${k}[0];`);
    else body.push(`const v${r} = I${k}[i];`);
  });
  outs.forEach((s, j) => pre.push(`const O${j} = outs[${j}];`));
  // fast float32 sin and cos of one value (a value and its derivative) share one range reduction
  const fastTrig = (m: GNode): boolean => opts.fastMath === true && slots[m.out].dtype === 'float32' && (m.def.name === 'sin' || m.def.name === 'cos');
  const trig = new Map<number, { sin: number | null; cos: number | null; done: boolean }>();
  for (const m of gr.members) {
    if (!fastTrig(m)) continue;
    const r = root(m.ins[0]);
    const t = trig.get(r) ?? { sin: null, cos: null, done: false };
    if (m.def.name === 'sin') t.sin ??= m.out; else t.cos ??= m.out;
    trig.set(r, t);
  }
  for (const m of gr.members) {
    const o = slots[m.out];
    if (fastTrig(m)) {
      const r = root(m.ins[0]), t = trig.get(r)!;
      const mine = m.def.name === 'sin' ? t.sin : t.cos;
      if (mine !== m.out) { body.push(`const v${m.out} = v${mine};`); continue; } // a repeated sin/cos of one value
      if (!t.done) {
        t.done = true;
        body.push(`let ${[t.sin, t.cos].filter((v) => v !== null).map((v) => `v${v}`).join(', ')};`);
        body.push(sinCosSource(`v${r}`, t.sin === null ? null : `v${t.sin}`, t.cos === null ? null : `v${t.cos}`));
      }
      continue;
    }
    if (gr.reductions.has(m.out)) {
      pre.push(`let v${m.out} = 0;`);
      body.push(`v${m.out} += v${root(m.ins[0])};`);
      continue;
    }
    const names = operandNames(m.def, m.ins.length);
    let expr = m.def.name === 'sum' ? 'a' : exprOf(m.def, m.ins.map((s) => slots[s]), o, m.params)!;
    // fast math: float32 intermediates stay in double precision and are rounded once, when stored — more
    // accurate than rounding after every op, and the per-op Math.fround calls cost as much as the math
    const fast = opts.fastMath === true && o.dtype === 'float32';
    if (fast) expr = fastMathExpr(expr);
    const binds = m.ins.map((s, k) => `${names[k]} = v${root(s)}`).join(', ');
    body.push(`let v${m.out}; { const ${binds}; v${m.out} = ${fast ? expr : roundTo(o.dtype as DType, expr)}; }`);
  }
  outs.forEach((s, j) => (gr.reductions.has(s) ? post : body).push(gr.reductions.has(s) ? `O${j}[0] = v${s};` : `O${j}[i] = v${s};`));
  const source = `${pre.join('\n')}\nfor (let i = 0; i < n; i++) {\n${body.join('\n')}\n}\n${post.join('\n')}`;
  return { kind: 'group', n: gr.n, members: gr.members, reductions: gr.reductions, ins, outs, source, kernel: compileKernel(source) };
}

/** A number as JavaScript source, exact (17 significant digits) and with its special values. */
function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v < 0 ? `(${v})` : String(v);
}

/**
 * Swaps Math.exp for the fast float32 version (float32 loops only: its error is below float32's). sin and cos
 * never get here: `lower` inlines them with one shared range reduction.
 */
function fastMathExpr(e: string): string {
  return e.replace(/Math\.exp\(/g, 'fastExp(');
}
