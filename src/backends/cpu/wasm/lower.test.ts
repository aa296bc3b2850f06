import { describe, expect, it } from 'vitest';
import { allocData, type DType, type TypedArray } from '../../../core/dtype.js';
import {
  ALU_BINARY,
  ALU_UNARY,
  binary,
  cast,
  evaluate,
  input,
  konst,
  topoSort,
  unary,
  where,
  type Exp,
} from '../../../ir/exp.js';
import type { KernelSpec } from '../../../ir/kernel.js';
import { CHUNK } from './codegen.js';
import { lowerToWasm } from './lower.js';
import { SINCOS_FAST_32 } from './vmath32.js';
import { ulps32, ulps64 } from '../../../../test/ulp.js';

const DTYPES: DType[] = ['float64', 'float32', 'int32', 'bool'];
/** Ops whose float results come from the vector math (checked to 1 ulp / 2 float32 ulps, not bit for bit). */
const APPROX = new Set(['sin', 'cos', 'exp', 'expm1', 'log', 'tanh']);

const FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  -2.5,
  2.5,
  3.7,
  -7.25,
  100.3,
  1e-310,
  -1e-310,
  1e300,
  -1e300,
  NaN,
  Infinity,
  -Infinity,
  0.1,
  2,
  3e9,
];
const INTS = [0, 1, -1, 2, -2, 3, 7, -7, 12345, -99999, 2147483647, -2147483648, 65536, 46341];
const valuesOf = (d: DType): number[] =>
  d === 'bool' ? [0, 1, 1, 0] : d === 'int32' ? INTS : d === 'float32' ? FLOATS.map(Math.fround) : FLOATS;

/** Runs a spec through lowerToWasm and through evaluate, element by element; returns the first mismatch. */
function check(spec: KernelSpec, cols: number[][], n: number): string | null {
  const k = lowerToWasm(spec);
  if (k === null) return 'lowerToWasm gave null';
  const ins = spec.inputs.map((d, i) => {
    const a = allocData(d, cols[i].length);
    a.set(cols[i]);
    return a;
  });
  const outs = spec.outputs.map((o) => allocData(o.exp.dtype, o.sum ? 1 : n));
  k(n, ins, outs);
  const stored = ins.map((a) => [...a]); // the inputs as their dtype holds them
  const row = (i: number): number[] => stored.map((col) => (col.length === 1 ? col[0] : col[i]));
  for (let j = 0; j < spec.outputs.length; j++) {
    const { exp, sum } = spec.outputs[j];
    const refs = Array.from({ length: n }, (_, i) => evaluate(exp, row(i)));
    // an output computed from vector-math results carries their error (1 ulp / 2 float32 ulps) onwards
    const approxInside = topoSort([exp]).some(
      (e) => APPROX.has(e.op) && (e.dtype === 'float64' || e.dtype === 'float32'),
    );
    const tol = (want: number): number =>
      approxInside ? (exp.dtype === 'float32' ? 1e-6 : 1e-14) * (1 + Math.abs(want)) : 0;
    if (sum) {
      const ref = refs.reduce((a, b) => a + b, 0),
        got = outs[j][0];
      const want = exp.dtype === 'float32' ? Math.fround(ref) : exp.dtype === 'int32' ? ref | 0 : ref;
      const ok =
        Object.is(got, want) ||
        (Number.isNaN(got) && Number.isNaN(want)) ||
        Math.abs(got - want) <=
          1e-9 * Math.abs(want) +
            (exp.dtype === 'float32' ? 1e-6 * Math.abs(want) : 0) +
            n * tol(want / Math.max(n, 1));
      if (!ok) return `sum output ${j}: got ${got}, want ${want}`;
      continue;
    }
    for (let i = 0; i < n; i++) {
      const got = outs[j][i],
        want = refs[i];
      const approx = APPROX.has(exp.op);
      const ok = approx
        ? exp.dtype === 'float64'
          ? ulps64(got, want) <= 1
          : ulps32(got, want) <= 2
        : Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || Math.abs(got - want) <= tol(want);
      if (!ok) return `output ${j} element ${i} (inputs ${row(i).join(', ')}): got ${got}, want ${want}`;
    }
  }
  return null;
}

describe('lowerToWasm against the reference evaluate', () => {
  for (const op of ALU_UNARY) {
    it(`unary ${op} on every dtype`, () => {
      for (const d of DTYPES) {
        const x = input(0, d),
          vals = valuesOf(d);
        expect(check({ inputs: [d], outputs: [{ exp: unary(op, x) }] }, [vals], vals.length), `${op} ${d}`).toBeNull();
      }
    });
  }
  for (const op of ALU_BINARY) {
    it(`binary ${op} on every dtype, every pair of values`, () => {
      for (const d of DTYPES) {
        const vs = valuesOf(d),
          a: number[] = [],
          b: number[] = [];
        for (const p of vs)
          for (const q of vs) {
            a.push(p);
            b.push(q);
          }
        const spec = { inputs: [d, d], outputs: [{ exp: binary(op, input(0, d), input(1, d)) }] };
        expect(check(spec, [a, b], a.length), `${op} ${d}`).toBeNull();
      }
    });
  }
  it('casts between every pair of dtypes', () => {
    for (const from of DTYPES)
      for (const to of DTYPES) {
        const vals = valuesOf(from);
        expect(
          check({ inputs: [from], outputs: [{ exp: cast(input(0, from), to) }] }, [vals], vals.length),
          `${from} → ${to}`,
        ).toBeNull();
      }
  });
  it('where with a condition of every dtype and branches of every dtype', () => {
    for (const c of DTYPES)
      for (const d of DTYPES) {
        const cv = valuesOf(c),
          n = cv.length;
        const a = Array.from({ length: n }, (_, i) => valuesOf(d)[i % valuesOf(d).length]),
          b = a.slice().reverse();
        const spec = { inputs: [c, d, d], outputs: [{ exp: where(input(0, c), input(1, d), input(2, d)) }] };
        expect(check(spec, [cv, a, b], n), `where ${c} ? ${d}`).toBeNull();
      }
  });

  const w2 = (d: 'float32' | 'float64'): KernelSpec => {
    const x = input(0, d),
      k = (v: number): Exp => konst(v, d);
    const t = binary('mul', k(2), x);
    return {
      inputs: [d],
      outputs: [
        { exp: binary('add', binary('mul', k(5), unary('sin', t)), binary('mul', x, x)), sum: true },
        { exp: binary('add', binary('mul', binary('mul', k(5), unary('cos', t)), k(2)), binary('mul', k(2), x)) },
      ],
    };
  };
  it('a fused value-and-gradient kernel (sum and elementwise outputs) for n = 0..9 and across chunks', () => {
    for (const d of ['float32', 'float64'] as const) {
      for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, CHUNK - 1, 3 * CHUNK + 5]) {
        const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 6);
        expect(check(w2(d), [xs], n), `${d} n=${n}`).toBeNull();
      }
    }
  });
  it('sin/cos arguments beyond the vector range anywhere in a long array (the per-lane pass), with sums', () => {
    for (const d of ['float32', 'float64'] as const) {
      const n = 2 * CHUNK + 3,
        xs = Array.from({ length: n }, (_, i) => i * 0.01);
      xs[CHUNK + 7] = 1e7;
      xs[n - 1] = Infinity;
      xs[5] = -3e6;
      expect(check(w2(d), [xs], n), d).toBeNull();
    }
  });
  it('float32 sin/cos tiers chunk by chunk: float32, then float64 reduction, then Math.* past the vector range', () => {
    // chunks: small arguments; one past the float32 reduction's range; small again (after a chunk that needed
    // the wide tier, the next starts there); one past the vector range; a wide chunk starting in the wide tier
    // that then also needs the per-lane pass; small to the end. Each output and the sum must be right.
    const n = 6 * CHUNK + 9,
      xs = Array.from({ length: n }, (_, i) => Math.sin(i * 7.31) * 40);
    xs[CHUNK + 3] = 150.5;
    xs[CHUNK + 11] = -SINCOS_FAST_32 - 2;
    xs[3 * CHUNK + 5] = 5e5;
    // floats next to multiples of π/2 past the float32 reduction's range, where it would be far off
    for (let i = 0; i < 2000; i++)
      xs[CHUNK + 100 + i] = xs[4 * CHUNK + 100 + i] = Math.fround((64 + i) * (Math.PI / 2));
    xs[4 * CHUNK + 50] = -Infinity;
    expect(check(w2('float32'), [xs], n)).toBeNull();
    for (const op of ['sin', 'cos'] as const) {
      const x = input(0, 'float32');
      const spec = { inputs: ['float32' as DType], outputs: [{ exp: unary(op, x) }, { exp: unary(op, x), sum: true }] };
      expect(check(spec, [xs], n), op).toBeNull();
    }
  });
  it('broadcast scalar inputs (length 1) mixed with arrays, and a constant-only output', () => {
    const x = input(0),
      s = input(1),
      b = input(2, 'bool');
    const spec: KernelSpec = {
      inputs: ['float64', 'float64', 'bool'],
      outputs: [
        { exp: where(b, binary('mul', x, s), unary('exp', s)) },
        { exp: binary('add', s, konst(1)), sum: true },
        { exp: konst(3) },
      ],
    };
    for (const n of [0, 1, 5, CHUNK + 2]) {
      const xs = Array.from({ length: n }, (_, i) => i - 2);
      expect(check(spec, [xs, [0.75], [1]], n), `n=${n}`).toBeNull();
      expect(check(spec, [xs, [-2], Array.from({ length: n }, (_, i) => i % 2)], n), `n=${n}`).toBeNull();
    }
  });
  it('folds constant subexpressions, where of a constant condition and x·1 exactly (mulNoNan of constants)', () => {
    for (const d of ['float64', 'float32', 'int32'] as const) {
      const x = input(0, d),
        k = (v: number): Exp => konst(v, d);
      // as jit builds gradients: mulNoNan(d, g) = where(g == 0, 0, d·g), here with constant d and g
      const mulNoNan = (a: Exp, g: Exp): Exp => where(binary('eq', g, k(0)), k(0), binary('mul', a, g));
      const c = mulNoNan(k(5), cast(konst(1, 'float64'), d));
      const spec: KernelSpec = {
        inputs: [d],
        outputs: [
          { exp: binary('add', mulNoNan(binary('mul', x, k(1)), c), mulNoNan(k(2), x)), sum: true },
          { exp: mulNoNan(binary('mul', k(1), x), binary('sub', x, x)) },
          { exp: where(binary('lt', k(1), k(2)), binary('mul', x, k(-0)), unary('neg', x)) },
          { exp: binary('add', unary(d === 'int32' ? 'neg' : 'sin', k(3)), x) },
          { exp: where(binary('lt', x, k(1)), unary('neg', x), k(0)) },
          { exp: where(binary('lt', x, k(1)), k(-0), x) },
        ],
      };
      const xs = valuesOf(d);
      expect(check(spec, [xs], xs.length), d).toBeNull();
    }
  });
  it("lowers a chain thousands of nodes deep, and gives null (not an error) past the engine's limits", () => {
    const chain = (depth: number): Exp => {
      let e: Exp = input(0);
      for (let i = 0; i < depth; i++) e = binary('add', unary('neg', e), konst(i % 7));
      return e;
    };
    // evaluate and topoSort (the reference) recurse, so the checked chain stays within their stack
    expect(check({ inputs: ['float64'], outputs: [{ exp: chain(1500) }] }, [[0.5, -3, 1e9]], 3)).toBeNull();
    expect(lowerToWasm({ inputs: ['float64'], outputs: [{ exp: chain(6000) }] })).not.toBeNull();
    expect(lowerToWasm({ inputs: ['float64'], outputs: [{ exp: chain(40000) }] })).toBeNull();
  });
  it('computes shared and structurally equal subexpressions once, with the same result', () => {
    const x = input(0, 'float32');
    const a = unary('tanh', binary('mul', x, x)),
      b = unary('tanh', binary('mul', x, x)); // built twice
    const spec: KernelSpec = {
      inputs: ['float32'],
      outputs: [{ exp: binary('sub', a, b) }, { exp: binary('add', a, a), sum: true }],
    };
    const xs = Array.from({ length: 37 }, (_, i) => i / 7 - 2);
    expect(check(spec, [xs], xs.length)).toBeNull();
  });
  it('sums bool and int32 outputs exactly and NaN/Inf propagate into sums', () => {
    const x = input(0);
    const spec: KernelSpec = {
      inputs: ['float64'],
      outputs: [
        { exp: binary('lt', x, konst(0)), sum: true },
        { exp: cast(x, 'int32'), sum: true },
        { exp: x, sum: true },
      ],
    };
    expect(check(spec, [[-1, 2, -3, 4.5, -0.5]], 5)).toBeNull();
    expect(check(spec, [[1, NaN, 2]], 3)).toBeNull();
    expect(check(spec, [[1, Infinity, 2]], 3)).toBeNull();
  });
});

describe('lowerToWasm: what it accepts and how it fails', () => {
  it('returns the same cached kernel for equal specs', () => {
    const mk = (): KernelSpec => ({ inputs: ['float64'], outputs: [{ exp: unary('sin', input(0)) }] });
    expect(lowerToWasm(mk())).toBe(lowerToWasm(mk()));
  });
  it('gives null for IR that breaks the dtype rules or names an unknown op', () => {
    expect(lowerToWasm({ inputs: ['float64'], outputs: [{ exp: input(0, 'float32') }] })).toBeNull();
    expect(lowerToWasm({ inputs: ['float64'], outputs: [{ exp: input(1) }] })).toBeNull();
    expect(
      lowerToWasm({ inputs: ['float64', 'float32'], outputs: [{ exp: binary('add', input(0), input(1, 'float32')) }] }),
    ).toBeNull();
    expect(
      lowerToWasm({
        inputs: ['float64'],
        outputs: [{ exp: { op: 'frobnicate', a: input(0), dtype: 'float64' } as unknown as Exp }],
      }),
    ).toBeNull();
    expect(
      lowerToWasm({ inputs: ['float64'], outputs: [{ exp: { op: 'neg', dtype: 'float64' } as unknown as Exp }] }),
    ).toBeNull();
  });
  it('rejects a malformed spec and bad kernel arguments with errors naming the function and argument', () => {
    expect(() => lowerToWasm(null as unknown as KernelSpec)).toThrow(/lowerToWasm: spec must be/);
    expect(() => lowerToWasm({ inputs: ['float16' as DType], outputs: [] })).toThrow(/lowerToWasm: spec.inputs\[0\]/);
    const k = lowerToWasm({ inputs: ['float32'], outputs: [{ exp: unary('neg', input(0, 'float32')) }] })!;
    const x = new Float32Array(4),
      out = new Float32Array(4);
    expect(() => k(-1, [x], [out])).toThrow(/lowerToWasm kernel: n must be a non-negative integer/);
    expect(() => k(4, [new Float64Array(4)], [out])).toThrow(
      /ins\[0\] must be a Float32Array of length 4 or 1; got a Float64Array/,
    );
    expect(() => k(4, [new Float32Array(3)], [out])).toThrow(/ins\[0\]/);
    expect(() => k(4, [x], [new Float32Array(2)])).toThrow(/outs\[0\] must be a Float32Array of length 4/);
    expect(() => k(4, [x], [])).toThrow(/outs must be an array of 1/);
    expect(() => k(4, [x] as TypedArray[], [out])).not.toThrow();
  });
});
