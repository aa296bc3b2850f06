/**
 * @file Random programs over several tapes at once — nested recordings in either order, watches, resets, and
 * short-lived tapes used in between — checked against a reference tape written the plain way (a set of
 * connected ids, every node walked backwards with a Map). The real tape's bookkeeping (a Set of connected
 * tensors per tape, cotangents keyed by tensor and dropped once used, pruning to what the sources reach) must
 * give the same gradients, and the same nulls.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import * as g from '../index.js';
import { GradientTape, Variable, scalar, type Tensor } from '../index.js';
import { state, type Recorder } from '../core/engine.js';
import type { TapeNode } from '../core/primitive.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The reference: records a node when an input is connected; a trainable Variable read while recording connects
 * the value read; backpropagates over every node it recorded, to every input on the tape and to the source.
 */
class RefTape implements Recorder {
  connected = new Set<number>();
  nodes: TapeNode[] = [];
  reads = new Map<object, Tensor[]>();
  watch(t: Tensor): void {
    this.connected.add(t.id);
  }
  consider(node: TapeNode): void {
    if (node.inputs.some((x) => this.connected.has(x.id))) {
      this.nodes.push(node);
      this.connected.add(node.out.id);
    }
  }
  variableRead(v: object, value: Tensor): void {
    const seen = this.reads.get(v) ?? [];
    if (!seen.includes(value)) seen.push(value);
    this.reads.set(v, seen);
    this.connected.add(value.id);
  }
  reset(): void {
    this.connected.clear();
    this.nodes = [];
    this.reads.clear();
  }
  /** The gradient with respect to a Variable: summed over the values of it this tape saw. */
  gradientOfVar(target: Tensor, v: Variable): number | null {
    const parts = (this.reads.get(v) ?? []).map((t) => this.gradient(target, t)).filter((d) => d !== null);
    return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0);
  }
  gradient(target: Tensor, source: Tensor): number | null {
    const saved = state.recorders;
    state.recorders = [];
    try {
      const cot = new Map<number, Tensor>([[target.id, g.onesLike(target)]]);
      for (let i = this.nodes.length - 1; i >= 0; i--) {
        const n = this.nodes[i],
          dy = cot.get(n.out.id);
        if (!dy) continue;
        // as TF: an input wants a gradient when it is on the tape or is the source itself (watched or not)
        const needs = n.inputs.map((x) => this.connected.has(x.id) || x === source);
        const grads = n.def.vjp(dy, n.inputs, n.out, n.params, needs);
        n.inputs.forEach((x, k) => {
          const dx = grads[k];
          if (!needs[k] || !dx) return;
          const prev = cot.get(x.id);
          cot.set(x.id, prev ? g.add(prev, dx) : dx);
        });
      }
      const r = cot.get(source.id);
      return r === undefined ? null : r.item();
    } finally {
      state.recorders = saved;
    }
  }
}

type Action =
  | { kind: 'op'; tapes: number[]; op: number; a: number; b: number }
  | { kind: 'assign'; value: number }
  | { kind: 'watch'; tape: number; v: number }
  | { kind: 'reset'; tape: number }
  | { kind: 'transient'; v: number };

const TAPES = 3;
const OPS: ((a: Tensor | Variable, b: Tensor | Variable) => Tensor)[] = [
  (a, b) => g.add(a, b),
  (a, b) => g.mul(a, b),
  (a, b) => g.sub(a, b),
  (a) => g.sin(a),
  (a) => g.square(a),
  (a) => g.exp(g.mul(a, 0.5)),
];

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('op' as const),
      tapes: fc.shuffledSubarray([0, 1, 2]),
      op: fc.nat(OPS.length - 1),
      a: fc.nat(),
      b: fc.nat(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('watch' as const), tape: fc.nat(TAPES - 1), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), tape: fc.nat(TAPES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transient' as const), v: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      value: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    }),
  },
);

/** Runs `fn` recording on the tapes listed (outermost first), each with its reference twin beside it. */
function recordOn(list: number[], tapes: GradientTape[], refs: RefTape[], fn: () => Tensor): Tensor {
  if (list.length === 0) return fn();
  const [k, ...rest] = list;
  return tapes[k].record(() => {
    const saved = state.recorders;
    state.recorders = [...saved, refs[k]];
    try {
      return recordOn(rest, tapes, refs, fn);
    } finally {
      state.recorders = saved;
    }
  });
}

describe('GradientTape bookkeeping against a reference tape', () => {
  it('random programs over three persistent tapes (nested either way, watches, Variable reads and assigns, resets, used tapes in between) give the same gradients', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.array(action, { minLength: 1, maxLength: 14 }),
        (a, b, actions) => {
          const pool: Tensor[] = [scalar(a), scalar(b)];
          const v = new Variable(0.3, { name: 'v' });
          const tapes = Array.from({ length: TAPES }, () => new GradientTape({ persistent: true }));
          const refs = tapes.map(() => new RefTape());
          for (const act of actions) {
            const pick = (i: number): Tensor => pool[i % pool.length];
            // an operand may be the Variable itself, read by the op while the tapes record
            const operand = (i: number): Tensor | Variable => (i % (pool.length + 1) === pool.length ? v : pick(i));
            if (act.kind === 'op')
              pool.push(recordOn(act.tapes, tapes, refs, () => OPS[act.op](operand(act.a), operand(act.b))));
            else if (act.kind === 'assign') v.assign(act.value);
            else if (act.kind === 'watch') {
              tapes[act.tape].watch(pick(act.v));
              refs[act.tape].watch(pick(act.v));
            } else if (act.kind === 'reset') {
              tapes[act.tape].reset();
              refs[act.tape].reset();
            } else {
              // a short-lived tape watches the tensor, is used, and is dropped
              const v = pick(act.v),
                t = new GradientTape();
              const y = t.record(() => {
                t.watch(v);
                return g.sin(v);
              });
              expect(t.gradient(y, v)!.item()).toBeCloseTo(Math.cos(v.item()), 12);
            }
          }
          const target = pool[pool.length - 1];
          for (let k = 0; k < TAPES; k++) {
            const sources = [...pool, v];
            const all = tapes[k].gradient(target, sources) as (Tensor | null)[];
            sources.forEach((src, i) => {
              const want = src instanceof Variable ? refs[k].gradientOfVar(target, src) : refs[k].gradient(target, src);
              const one = tapes[k].gradient(target, src) as Tensor | null;
              for (const got of [one, all[i]]) {
                if (want === null) expect(got).toBeNull();
                else {
                  expect(got).not.toBeNull();
                  expect(got!.item()).toBeCloseTo(want, 10);
                }
              }
            });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
