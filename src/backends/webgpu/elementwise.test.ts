/**
 * @file The IR lowered to WGSL against the CPU's kernels: every unary and binary row of the op tables, on every
 * GPU dtype, over values inside and at the edges of each op's domain (NaN, ±Infinity, ±0, large arguments).
 * The CPU computes in float64 and rounds once; the GPU computes in float32, so floats agree to a few float32 ulps
 * (more for the functions whose WGSL built-ins are only accurate to ~2⁻²¹ absolute, see `tolerance`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../test/helpers/webgpu.js';
import '../../index.js';
import { fromHost, type Tensor } from '../../core/tensor.js';
import { allocData, type DType } from '../../core/dtype.js';
import { cpuBackend } from '../cpu/index.js';
import { BINARY_OPS, UNARY_OPS, type BinaryName, type UnaryName } from '../backend.js';
import { UNARY } from '../../primitives/unary-table.js';
import { BINARY } from '../../primitives/binary-table.js';
import { cast, evaluate, input, where } from '../../ir/exp.js';
import { Runner } from './runner.js';
import { GpuStore, type GpuDType } from './storage.js';
import { elementwiseProgram, fillProgram } from './elementwise.js';

const { gpu, reason } = await gpuOrReason();

const EDGES = [0, -0, 1, -1, 0.5, -0.5, 2.5, -3.75, 7, 100.25, -1e4, 1e-7, Infinity, -Infinity, NaN];
const DTYPES: GpuDType[] = ['float32', 'int32', 'bool'];

/** Domain samples per op: most take any real; some only part of the line. */
function samples(op: string): number[] {
  const dense = (lo: number, hi: number, n = 40) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const domain: Record<string, [number, number]> = {
    log: [0.01, 50],
    sqrt: [0, 50],
    rsqrt: [0.01, 50],
    asin: [-1, 1],
    acos: [-1, 1],
    atanh: [-0.99, 0.99],
    acosh: [1, 50],
    log1p: [-0.99, 50],
  };
  const [lo, hi] = domain[op] ?? [-20, 20];
  return [...dense(lo, hi), ...EDGES];
}

const hostOf = (dtype: DType, values: readonly number[]): Tensor => {
  const d = allocData(dtype, values.length);
  values.forEach((v, i) => {
    d[i] = v;
  });
  return fromHost(d, [values.length], dtype);
};

/** Allowed |gpu − cpu|: float32 rounding of both, plus the built-ins' own error. */
function tolerance(op: string, want: number): number {
  const ulps = ['pow', 'sinh', 'cosh', 'tan', 'erf', 'expm1', 'asinh', 'acosh', 'atanh', 'acos'].includes(op) ? 64 : 8;
  return ulps * 2 ** -23 * Math.max(Math.abs(want), 1e-3) + (['sin', 'cos', 'tan', 'erf'].includes(op) ? 2e-6 : 0);
}

function mismatches(op: string, got: ArrayLike<number>, want: ArrayLike<number>, inputs: string[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const g = got[i],
      w = want[i];
    if (Number.isNaN(w) ? !Number.isNaN(g) : !(g === w || Math.abs(g - w) <= tolerance(op, w)))
      bad.push(`${op}(${inputs[i]}) = ${g}, want ${w}`);
  }
  return bad;
}

describe.skipIf(gpu === null)(`WGSL lowering of the op tables${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const runner = new Runner(gpu!.device);
  const store = new GpuStore(runner);
  afterAll(() => {
    runner.destroy();
    gpu!.destroy();
  });
  const onGpu = (t: Tensor) => ({
    _buf: store.fromHost(t._read('test'), t.dtype, 'test'),
    shape: t.shape,
    dtype: t.dtype,
  });
  const runGpu = async (
    key: string,
    roots: () => ReturnType<typeof input>[],
    out: GpuDType,
    ins: Tensor[],
    shape: number[],
  ) => {
    const g = ins.map(onGpu);
    const o = runner.buffer(
      Math.max(
        1,
        shape.reduce((a, b) => a * b, 1),
      ) * 4,
    );
    runner.run(
      elementwiseProgram(key, roots, [out], g, shape),
      g.map((x) => store.buffer(x._buf)),
      [o],
    );
    return store.read(
      store.wrap(o),
      out,
      shape.reduce((a, b) => a * b, 1),
    );
  };

  it('every unary row, every GPU input dtype', async () => {
    const bad: string[] = [];
    for (const op of UNARY_OPS as UnaryName[]) {
      const row = UNARY[op];
      for (const din of DTYPES) {
        const x = hostOf(din, samples(op));
        const out: GpuDType =
          row.dtype === 'bool' ? 'bool' : row.dtype === 'keep' ? (din === 'bool' ? 'int32' : din) : 'float32';
        const c: DType = out === 'bool' ? din : out;
        const want = cpuBackend.readSync(cpuBackend.unary(op, x, out), out, x.size, 'test');
        const got = await runGpu(
          `t:${op}:${din}`,
          () => [cast(row.ir(cast(input(0, din), c)), out)],
          out,
          [x],
          x.shape,
        );
        bad.push(...mismatches(op, got, want, [...x._read('test')].map(String)));
      }
    }
    expect(bad).toEqual([]);
  });

  it('every binary row, with broadcasting (a column against a row) and scalars', async () => {
    const bad: string[] = [];
    const va = [-3.5, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 7.25, NaN, Infinity];
    const vb = [-2, -1, -0.25, 0, 0.5, 1, 2, 3, Infinity];
    for (const op of BINARY_OPS as BinaryName[]) {
      const row = BINARY[op];
      for (const d of DTYPES) {
        const a = hostOf(d, va).reshape([va.length, 1]);
        const b = hostOf(d, vb).reshape([1, vb.length]);
        const shape = [va.length, vb.length];
        const out: GpuDType =
          row.dtype === 'bool' ? 'bool' : row.dtype === 'float' ? 'float32' : d === 'bool' ? 'int32' : d;
        const c: DType = out === 'bool' ? d : out;
        const want = cpuBackend.readSync(cpuBackend.binary(op, a, b, shape, out), out, a.size * b.size, 'test');
        const got = await runGpu(
          `t:${op}:${d}`,
          () => [cast(row.ir(cast(input(0, d), c), cast(input(1, d), c)), out)],
          out,
          [a, b],
          shape,
        );
        const names = va.flatMap((x) => vb.map((y) => `${x}, ${y} as ${d}`));
        bad.push(...mismatches(op, got, want, names));
      }
    }
    expect(bad).toEqual([]);
  });

  it('the IR cast between every pair of GPU dtypes, as evaluate: float32 → int32 wraps modulo 2³², NaN and ±Infinity give 0', async () => {
    const values = [0, -0, 1.5, -2.7, 1e4, 3e9, -3e9, 2 ** 31, 2 ** 40 + 5 * 2 ** 20, 1e38, Infinity, -Infinity, NaN];
    const bad: string[] = [];
    for (const from of DTYPES)
      for (const to of DTYPES) {
        const x = hostOf(from, values);
        const xs = [...x._read('test')];
        const got = await runGpu(`t:cast:${from}:${to}`, () => [cast(input(0, from), to)], to, [x], x.shape);
        xs.forEach((v, i) => {
          const want = evaluate(cast(input(0, from), to), [v]);
          if (!Object.is(got[i], want) && !(got[i] === 0 && want === 0))
            bad.push(`${from} ${v} → ${to}: ${got[i]}, want ${want}`);
        });
      }
    expect(bad).toEqual([]);
  });

  it('where, broadcast over a rank-3 output; fill of every dtype', async () => {
    const cond = hostOf('bool', [1, 0, 1]).reshape([1, 3, 1]);
    const a = hostOf('float32', [1, 2]).reshape([2, 1, 1]);
    const b = hostOf('int32', [10, 20, 30, 40]).reshape([4]);
    const got = await runGpu(
      't:where',
      () => [where(input(0, 'bool'), cast(input(1, 'float32'), 'float32'), cast(input(2, 'int32'), 'float32'))],
      'float32',
      [cond, a, b],
      [2, 3, 4],
    );
    const want = cpuBackend.readSync(cpuBackend.where(cond, a, b, [2, 3, 4], 'float32'), 'float32', 24, 'test');
    expect([...got]).toEqual([...want]);
    for (const [v, d] of [
      [2.5, 'float32'],
      [-7, 'int32'],
      [1, 'bool'],
    ] as const) {
      const o = runner.buffer(1000 * 4);
      runner.run(fillProgram(v, d, 1000), [], [o]);
      const back = await store.read(store.wrap(o), d, 1000);
      expect(new Set(back)).toEqual(new Set([v]));
    }
  });
});
