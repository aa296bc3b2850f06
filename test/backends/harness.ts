/**
 * @file The backend test vectors' harness: `describeOnBackends(name, fn)` registers a suite once per backend
 * under test ('async-cpu', which has WebGPU's observable behaviour on the CPU's kernels, and 'webgpu'), and
 * `expectLikeCpu` computes a case on the active backend (float32 by default) and on the CPU in float64 (the
 * reference), reading only with `await t.data()`, and compares within float32 tolerances.
 *
 * Where 'webgpu' cannot start (no adapter, no package, kernels not built) its suites are skipped — reported as
 * skipped by vitest, with the reason printed once per file — never passed silently.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import * as g from '../../src/index.js';
import type { DType, Tensor } from '../../src/index.js';
import { defaultFloat } from '../../src/core/device.js';
import { isClose } from '../helpers/matchers.js';
import '../helpers/async-cpu.js';

export const BACKENDS = ['async-cpu', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Why `name` cannot start on this machine, or null. The test backend always starts: failing to is a failure. */
async function whyNot(name: BackendName): Promise<string | null> {
  if (name === 'async-cpu') return null;
  try {
    await g.setBackend(name);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await g.setBackend('cpu');
    await g.disposeBackend(name);
  }
}

// probed once per test file, at import: describe.skipIf needs the answer while vitest collects the suites
const unavailable = new Map<BackendName, string | null>();
for (const b of BACKENDS) unavailable.set(b, await whyNot(b));
let warned = false;

/**
 * Registers `fn`'s tests once per backend, each suite with that backend active (and the CPU again afterwards; a
 * WebGPU device is released so that the process can exit). A backend that cannot start skips its suite.
 * @example describeOnBackends('unary ops', (backend) => { it('sin', async () => { … }) })
 */
export function describeOnBackends(name: string, fn: (backend: BackendName) => void): void {
  for (const b of BACKENDS) {
    const reason = unavailable.get(b) ?? null;
    if (reason !== null && !warned) {
      console.warn(`[skip] ${b} backend tests skipped: ${reason}`);
      warned = true;
    }
    describe.skipIf(reason !== null)(`${name} [${b}]`, () => {
      beforeAll(async () => {
        await g.setBackend(b);
      });
      // a failed test may have left another backend active (setBackend of a started backend is cheap)
      beforeEach(async () => {
        await g.setBackend(b);
      });
      afterAll(async () => {
        await g.setBackend('cpu');
        if (b === 'webgpu') await g.disposeBackend('webgpu');
      });
      fn(b);
    });
  }
}

/** Runs `fn` with the CPU active (the float64 reference), then makes the backend under test active again. */
export async function onCpu<T>(fn: () => T | Promise<T>): Promise<T> {
  const b = g.getBackend();
  await g.setBackend('cpu');
  try {
    return await fn();
  } finally {
    await g.setBackend(b);
  }
}

/** Absolute and relative tolerance: |got − want| ≤ atol + rtol·|want| (numpy's isclose). */
export interface Tol {
  rtol: number;
  atol: number;
}

/**
 * The tolerance classes, for float32 results against a float64 reference from the same float32 inputs. The bounds
 * WGSL allows are in brackets; real drivers do much better, and these catch a wrong formula or a lost rounding.
 */
export const TOL = {
  /** No arithmetic (moves, comparisons, casts, max/min, floor…): bit-exact. */
  exact: { rtol: 0, atol: 0 },
  /** A few correctly rounded ops (+ − × ÷ sqrt) [÷: 2.5 ULP, sqrt: inherited from inverseSqrt's 2 ULP]. */
  arith: { rtol: 2e-6, atol: 1e-7 },
  /**
   * exp, log, trig and their compositions, first derivatives included [exp: 3 + 2|x| ULP; log: 2⁻²¹ absolute
   * near 1, hence the atol; sin/cos: 2⁻¹¹ absolute, inverse trig 4096 ULP, which the drivers beat by far].
   */
  transcendental: { rtol: 2e-5, atol: 2e-6 },
} as const satisfies Record<string, Tol>;

/** An input of a case: float values are rounded to float32 first, so both backends start from the same numbers. */
export interface Input {
  shape: number[];
  values: readonly number[];
  dtype?: 'int32' | 'bool';
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** `shape`'s elements from `value(i)`, rounded to float32. */
export const floats = (shape: number[], value: (i: number, n: number) => number): Input => {
  const n = sizeOf(shape);
  return { shape, values: Array.from({ length: n }, (_, i) => Math.fround(value(i, n))) };
};
/** `n = size(shape)` points evenly from lo to hi (both included), rounded to float32. */
export const grid = (shape: number[], lo: number, hi: number): Input =>
  floats(shape, (i, n) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
/** The values of `list`, repeated to fill `shape`, rounded to float32. */
export const cycle = (shape: number[], list: readonly number[]): Input => floats(shape, (i) => list[i % list.length]);
export const ints = (shape: number[], list: readonly number[]): Input => ({ ...cycle(shape, list), dtype: 'int32' });
export const bools = (shape: number[], list: readonly boolean[]): Input => ({
  ...cycle(
    shape,
    list.map((b) => +b),
  ),
  dtype: 'bool',
});

/** The tensor of `input` on the active backend (float values get its default float). */
export function make(input: Input): Tensor {
  const values = input.dtype === 'bool' ? input.values.map((v) => v !== 0) : [...input.values];
  return g.reshape(g.tensor(values, input.dtype ? { dtype: input.dtype } : undefined), input.shape);
}

/** What a case returns: one tensor, or a list (gradients may be null). */
export type Outputs = Tensor | null | readonly (Tensor | null)[];

interface Read {
  dtype: DType;
  shape: number[];
  values: number[];
}

/** Reads a tensor the asynchronous way, which every backend supports. */
export async function read(t: Tensor): Promise<Read> {
  return { dtype: t.dtype, shape: [...t.shape], values: Array.from(await t.data(), Number) };
}

async function runCase(f: (...xs: Tensor[]) => Outputs, inputs: readonly Input[]): Promise<(Read | null)[]> {
  const out = f(...inputs.map(make));
  const list: readonly (Tensor | null)[] = Array.isArray(out) ? out : [out as Tensor | null];
  return Promise.all(list.map((t) => (t === null ? null : read(t))));
}

/** The dtype the backend under test gives where the float64 CPU gives `cpu`. */
const onBackend = (cpu: DType): DType => (cpu === 'float64' ? defaultFloat() : cpu);

export interface CaseOptions {
  /** The reference may hold NaN or ±Inf (default false: a non-finite reference means inputs outside the domain). */
  nonFinite?: boolean;
}

/**
 * Computes `f(...inputs)` on the active backend and on the CPU in float64, and throws unless every output has
 * the same shape, the matching dtype (float64 on the CPU ↔ the backend's default float) and values within `tol`.
 * @example await expectLikeCpu((x) => g.sin(x), [grid([4, 6], -3, 3)], TOL.transcendental)
 */
export async function expectLikeCpu(
  f: (...xs: Tensor[]) => Outputs,
  inputs: readonly Input[],
  tol: Tol,
  opts: CaseOptions = {},
): Promise<void> {
  const want = await onCpu(() => runCase(f, inputs));
  const got = await runCase(f, inputs);
  if (got.length !== want.length) throw new Error(`expectLikeCpu: ${got.length} outputs, the CPU gave ${want.length}`);
  want.forEach((w, i) => {
    const r = got[i];
    const what = `output ${i} on ${g.getBackend()}`;
    if (w === null || r === null) {
      if (w !== r)
        throw new Error(
          `${what}: ${r === null ? 'null' : 'a tensor'}, the CPU gave ${w === null ? 'null' : 'a tensor'}`,
        );
      return;
    }
    if (r.shape.join() !== w.shape.join()) throw new Error(`${what}: shape [${r.shape}], the CPU gave [${w.shape}]`);
    if (r.dtype !== onBackend(w.dtype)) throw new Error(`${what}: dtype ${r.dtype}, expected ${onBackend(w.dtype)}`);
    if (!opts.nonFinite && w.values.some((v) => !Number.isFinite(v)))
      throw new Error(`${what}: the CPU reference is not finite ([${w.values}]): are the inputs in the op's domain?`);
    const bad = w.values.flatMap((v, j) => (isClose(r.values[j], v, tol.rtol, tol.atol) ? [] : [j]));
    if (bad.length > 0) {
      const worst = bad
        .slice(0, 6)
        .map(
          (j) =>
            `  [${j}]: got ${r.values[j]}, CPU float64 ${w.values[j]} (|diff| ${Math.abs(r.values[j] - w.values[j]).toPrecision(3)})`,
        );
      throw new Error(
        `${what}: ${bad.length} of ${w.values.length} element(s) differ beyond rtol ${tol.rtol}, atol ${tol.atol}\n${worst.join('\n')}`,
      );
    }
  });
}

/**
 * `f`'s value and its gradient with respect to every float input, by a GradientTape seeded with a non-uniform
 * cotangent (so that broadcasting and reductions in the rules see distinct values). Non-float inputs get null.
 */
export function withGrad(f: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => (Tensor | null)[] {
  return (...xs) => {
    const floatsIn = xs.filter((x) => x.dtype.startsWith('float'));
    const tape = new g.GradientTape();
    tape.watch(floatsIn);
    const y = tape.record(() => f(...xs));
    const seed = cotangent(y);
    const dxs = tape.gradient(y, floatsIn, { outputGradients: seed }) as (Tensor | null)[];
    let k = 0;
    return [y, ...xs.map((x) => (x.dtype.startsWith('float') ? dxs[k++] : null))];
  };
}

/** A fixed cotangent for `y`: values in [0.5, 1.5] that differ from element to element, exact in float32. */
export function cotangent(y: Tensor): Tensor {
  const n = sizeOf(y.shape);
  const values = Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 16) / 16);
  return g.reshape(g.tensor(values, { dtype: y.dtype }), y.shape);
}
