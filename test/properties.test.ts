/**
 * @file Property-based tests (fast-check): random compositions of ops on random, broadcasting shapes;
 * their reverse- and forward-mode derivatives (first and second order) must match central differences.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as g from '../src/index.js';
import { tensor, gradcheck, type Tensor } from '../src/index.js';
import { expectAllClose } from './helpers/matchers.js';

/** A random expression tree over two inputs; every op is smooth on its whole domain, so no kink is ever hit. */
type Expr =
  | { k: 'in'; i: 0 | 1 }
  | { k: 'un'; op: string; a: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'red'; op: string; keep: boolean; a: Expr }
  | { k: 'mov'; op: string; a: Expr };

const UNARY = [
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'softplus',
  'atan',
  'erf',
  'asinh',
  'square',
  'expTanh',
  'neg',
  'logCosh',
];
const BINARY = ['add', 'sub', 'mul', 'safeDiv', 'safePow', 'atan2Safe', 'matmulSquare'];
const REDUCE = ['sum', 'mean', 'logsumexp', 'norm', 'prod', 'softmax', 'logSoftmax'];
const MOVE = [
  'transpose',
  'flatten',
  'sliceHead',
  'tile2',
  'concatSelf',
  'expandSqueeze',
  'broadcastLead',
  'gatherEnds',
  'stackPair',
];

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('in' as const), i: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ k: fc.constant('un' as const), op: fc.constantFrom(...UNARY), a: tie('e') }),
    fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom(...BINARY), a: tie('e'), b: tie('e') }),
    fc.record({ k: fc.constant('red' as const), op: fc.constantFrom(...REDUCE), keep: fc.boolean(), a: tie('e') }),
    fc.record({ k: fc.constant('mov' as const), op: fc.constantFrom(...MOVE), a: tie('e') }),
  ),
})).e;

const broadcasts = (p: number[], q: number[]): boolean => {
  for (let i = 1; i <= Math.min(p.length, q.length); i++) {
    const x = p[p.length - i],
      y = q[q.length - i];
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
};

function evaluate(e: Expr, xs: Tensor[]): Tensor {
  switch (e.k) {
    case 'in':
      return xs[e.i];
    case 'un': {
      const a = evaluate(e.a, xs);
      if (e.op === 'expTanh') return g.exp(g.tanh(a));
      if (e.op === 'logCosh') return g.log(g.cosh(g.tanh(a)));
      return (g as any)[e.op](a);
    }
    case 'bin': {
      const a = evaluate(e.a, xs);
      let b = evaluate(e.b, xs);
      // reductions may leave shapes that no longer broadcast: then combine with b's mean (a scalar)
      if (!broadcasts(a.shape, b.shape)) b = g.mean(b);
      switch (e.op) {
        case 'safeDiv':
          return g.div(a, g.add(1.5, g.square(b)));
        case 'safePow':
          return g.pow(g.add(1.5, g.square(a)), g.tanh(b));
        case 'atan2Safe':
          return g.atan2(a, g.add(2, g.square(b)));
        // a·b as a matrix product when both are at least 2-D and square-compatible, else elementwise
        case 'matmulSquare': {
          if (a.rank >= 2 && b.rank >= 2 && a.shape[a.rank - 1] === b.shape[b.rank - 2]) {
            try {
              return g.matmul(a, b);
            } catch {
              /* batch dims do not broadcast: fall through */
            }
          }
          return g.mul(a, b);
        }
        default:
          return (g as any)[e.op](a, b);
      }
    }
    case 'red': {
      const a = evaluate(e.a, xs);
      if (a.rank === 0) return a;
      const axis = a.rank - 1;
      if (e.op === 'norm') return g.norm(g.add(a, 3), { axis, keepdims: e.keep }); // shifted away from the origin
      if (e.op === 'softmax' || e.op === 'logSoftmax') return (g as any)[e.op](a, axis);
      return (g as any)[e.op](a, axis, e.keep);
    }
    case 'mov': {
      const a = evaluate(e.a, xs);
      const last = a.rank - 1,
        n = a.shape[last] ?? 1;
      switch (e.op) {
        case 'transpose':
          return g.transpose(a);
        case 'flatten':
          return g.flatten(a);
        case 'sliceHead':
          return a.rank === 0
            ? a
            : g.slice(
                a,
                a.shape.map(() => 0),
                a.shape.map((d, i) => (i === last ? Math.ceil(d / 2) : d)),
              );
        case 'tile2':
          return a.rank === 0
            ? a
            : g.tile(
                a,
                a.shape.map((_, i) => (i === last ? 2 : 1)),
              );
        case 'concatSelf':
          return a.rank === 0 ? a : g.concat([a, g.sin(a)], last);
        case 'expandSqueeze':
          return g.squeeze(g.expandDims(g.mul(a, 0.5), 0), 0);
        case 'broadcastLead':
          return g.broadcastTo(a, [2, ...a.shape]);
        case 'gatherEnds':
          return a.rank === 0 || n === 0 ? a : g.gather(a, [n - 1, 0, n - 1], last);
        default:
          return a.rank > 2 ? a : g.stack([a, g.cos(a)], a.rank);
      }
    }
  }
}

/** Two shapes that broadcast together: a base of rank ≤ 3, each operand a suffix with some dims set to 1. */
const shapesArb = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
    fc.nat(3),
    fc.nat(3),
    fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  )
  .map(([base, dropA, dropB, ones]) => {
    const a = base.slice(Math.min(dropA, base.length)).map((d, i) => (ones[i] ? 1 : d));
    const b = base.slice(Math.min(dropB, base.length)).map((d, i) => (ones[i + 3] ? 1 : d));
    return [a, b] as const;
  });

/** Bounded by default; set GRADTAPE_PROP_RUNS / GRADTAPE_PROP_SEED for a deeper local search. */
const RUNS = Number(process.env.GRADTAPE_PROP_RUNS ?? 50);
const SEED = process.env.GRADTAPE_PROP_SEED === undefined ? undefined : Number(process.env.GRADTAPE_PROP_SEED);
const opts = (runs: number, seed: number) => ({ numRuns: Math.round((runs * RUNS) / 50), seed: SEED ?? seed });

const size = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);
// multiples of 1/64 in [-1.5, 1.5]: exact zeros and ties are included on purpose (prod, max), denormals are not
const valuesArb = (n: number) =>
  fc.array(
    fc.integer({ min: -96, max: 96 }).map((v) => v / 64),
    { minLength: n, maxLength: n },
  );

const caseArb = shapesArb.chain(([sa, sb]) =>
  fc.record({
    expr: exprArb,
    sa: fc.constant(sa),
    sb: fc.constant(sb),
    va: valuesArb(size(sa)),
    vb: valuesArb(size(sb)),
  }),
);

const show = (e: Expr): string =>
  e.k === 'in'
    ? `x${e.i}`
    : e.k === 'un'
      ? `${e.op}(${show(e.a)})`
      : e.k === 'bin'
        ? `${e.op}(${show(e.a)}, ${show(e.b)})`
        : e.k === 'mov'
          ? `${e.op}(${show(e.a)})`
          : `${e.op}${e.keep ? 'K' : ''}(${show(e.a)})`;

describe('random compositions', () => {
  it('reverse and forward derivatives (to second order) match central differences', () => {
    fc.assert(
      fc.property(caseArb, ({ expr, sa, sb, va, vb }) => {
        const xs = [g.reshape(tensor(va), [...sa]), g.reshape(tensor(vb), [...sb])];
        const f = (a: Tensor, b: Tensor) => g.add(evaluate(expr, [a, b]), g.mul(0, g.add(g.sum(a), g.sum(b))));
        const r = gradcheck(f, xs, { modes: ['rev', 'fwd'], order: 2, atol: 1e-5, rtol: 1e-3 });
        if (!r.ok)
          throw new Error(
            `${show(expr)} on ${JSON.stringify(sa)} and ${JSON.stringify(sb)}: ${JSON.stringify(r.worst)}`,
          );
      }),
      opts(50, 20261126),
    );
  });
  it('jacrev and jacfwd agree', () => {
    fc.assert(
      fc.property(caseArb, ({ expr, sa, sb, va, vb }) => {
        const b = g.reshape(tensor(vb), [...sb]);
        const f = (a: Tensor) => g.add(evaluate(expr, [a, b]), g.mul(0, g.sum(a)));
        const a = g.reshape(tensor(va), [...sa]);
        expectAllClose(g.jacrev(f)(a), g.jacfwd(f)(a), { rtol: 1e-10, atol: 1e-12 });
      }),
      opts(40, 7),
    );
  });
});

describe('broadcasting values', () => {
  it('a binary op on broadcast shapes equals the op on explicitly broadcast operands', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('add', 'sub', 'mul', 'maximum', 'atan2'), ({ sa, sb, va, vb }, op) => {
        const a = g.reshape(tensor(va), [...sa]),
          b = g.reshape(tensor(vb), [...sb]);
        const y = (g as any)[op](a, b) as Tensor;
        const A = g.broadcastTo(a, y.shape),
          B = g.broadcastTo(b, y.shape);
        const ad = A.data(),
          bd = B.data();
        const ref = {
          add: (p: number, q: number) => p + q,
          sub: (p: number, q: number) => p - q,
          mul: (p: number, q: number) => p * q,
          maximum: Math.max,
          atan2: Math.atan2,
        }[op]!;
        expectAllClose(
          y.data(),
          Array.from(ad, (v, i) => ref(v, bd[i])),
          { rtol: 1e-15, atol: 0 },
        );
        // the gradient of sum(op(a, b)) has each operand's own shape
        const [ga, gb] = g.grad((p: Tensor, q: Tensor) => g.sum((g as any)[op](p, q)), { argnums: [0, 1] })(a, b);
        expect(ga.shape).toEqual([...sa]);
        expect(gb.shape).toEqual([...sb]);
      }),
      opts(100, 11),
    );
  });
  const REDUCERS: [string, number, (a: number, b: number) => number][] = [
    ['sum', 0, (a, b) => a + b],
    ['prod', 1, (a, b) => a * b],
    ['max', -Infinity, Math.max],
    ['min', Infinity, Math.min],
  ];
  it('sum/prod/max/min over any axes equal a reference fold of the flat values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
          fc.record({
            shape: fc.constant(shape),
            vals: valuesArb(size(shape)),
            axes: fc.subarray(shape.map((_, i) => i)),
            which: fc.constantFrom(...REDUCERS),
            keep: fc.boolean(),
          }),
        ),
        ({ shape, vals, axes, which: [name, init, fold], keep: keepdims }) => {
          const x = g.reshape(tensor(vals), shape);
          const all = axes.length === 0;
          const reduced = shape.map((_, i) => all || axes.includes(i));
          if ((name === 'max' || name === 'min') && shape.some((d, i) => d === 0 && reduced[i])) {
            expect(() => (g as any)[name](x, all ? null : axes)).toThrow(new RegExp(`${name}.*empty`));
            return;
          }
          const y = (g as any)[name](x, all ? null : axes, keepdims) as Tensor;
          const outShape = shape.filter((_, i) => !reduced[i]);
          const out = new Array(size(outShape)).fill(init);
          for (let flat = 0; flat < vals.length; flat++) {
            let rem = flat,
              o = 0,
              mul = 1;
            const idx = shape.map(() => 0);
            for (let d = shape.length - 1; d >= 0; d--) {
              idx[d] = rem % shape[d];
              rem = Math.floor(rem / shape[d]);
            }
            for (let d = shape.length - 1; d >= 0; d--)
              if (!reduced[d]) {
                o += idx[d] * mul;
                mul *= shape[d];
              }
            out[o] = fold(out[o], vals[flat]);
          }
          expect(y.shape).toEqual(keepdims ? shape.map((d, i) => (reduced[i] ? 1 : d)) : outShape);
          expectAllClose(y.data(), out, { rtol: 1e-12, atol: 1e-12 });
        },
      ),
      opts(150, 3),
    );
  });
  it('transpose by any permutation moves element [i, j, k, …] to [perm-indexed] position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
          fc.record({
            shape: fc.constant(shape),
            perm: fc.shuffledSubarray(
              shape.map((_, i) => i),
              { minLength: shape.length, maxLength: shape.length },
            ),
          }),
        ),
        ({ shape, perm }) => {
          const x = g.reshape(g.arange(size(shape)), shape);
          const y = g.transpose(x, perm);
          expect(y.shape).toEqual(perm.map((p) => shape[p]));
          const yd = y.data(),
            ys = y.shape;
          for (let flat = 0; flat < yd.length; flat++) {
            let rem = flat;
            const out = ys.map(() => 0);
            for (let d = ys.length - 1; d >= 0; d--) {
              out[d] = rem % ys[d];
              rem = Math.floor(rem / ys[d]);
            }
            const src = shape.map(() => 0);
            perm.forEach((p, d) => {
              src[p] = out[d];
            });
            const srcFlat = src.reduce((acc, v, d) => acc * shape[d] + v, 0);
            expect(yd[flat]).toBe(srcFlat);
          }
        },
      ),
      opts(100, 5),
    );
  });
});
