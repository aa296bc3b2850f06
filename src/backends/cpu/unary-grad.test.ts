import { describe, expect, it, vi } from 'vitest';
import { cpuBackend } from './index.js';
import * as g from '../../index.js';
import { GradientTape, tensor, type Tensor } from '../../index.js';
import { unaryGrad } from './unary-grad.js';
import { UNARY, UNARY_NAMES } from '../../primitives/unary-table.js';

// inputs inside every op's domain, plus 0 cotangents where the local derivative is infinite
const X = [-0.9, -0.3, 0.2, 0.5, 0.8];
const DOMAIN: Record<string, number[]> = {
  log: [0.2, 0.5, 1.5, 3, 7],
  sqrt: [0.2, 0.5, 1.5, 3, 7],
  rsqrt: [0.2, 0.5, 1.5, 3, 7],
  acosh: [1.2, 1.5, 2, 3, 7],
  log1p: [-0.5, 0, 0.5, 2, 7],
  reciprocal: [-3, -0.5, 0.25, 2, 7],
  logit: [0.1, 0.3, 0.5, 0.7, 0.9],
};
/** Every op-table row with a derivative rule has a fused loop. */
const OPS = UNARY_NAMES.filter((op) => typeof UNARY[op].d === 'function');

/** The gradient of sum(op(x) * w), first order (fused) or with an outer tape recording (composed from ops). */
function gradOf(op: string, x: Tensor, w: Tensor, composed: boolean): Float64Array {
  const f = (g as any)[op] as (t: Tensor) => Tensor;
  const run = () => g.grad((t: Tensor) => g.sum(g.mul(f(t), w)))(x) as Tensor;
  const out = composed ? new GradientTape().record(() => run()) : run();
  return out.data() as Float64Array;
}

describe('fused first-order unary VJPs', () => {
  it.each(OPS)('%s: the fused kernel gives the composed rule bit for bit', (op) => {
    const x = tensor(DOMAIN[op] ?? X);
    const w = tensor([1.5, 0, -2, 0.25, 3]);
    const spy = vi.spyOn(cpuBackend, 'unaryGrad');
    const fused = gradOf(op, x, w, false);
    expect(spy.mock.results.some((r) => r.value !== null)).toBe(true); // the first-order path really fused
    spy.mockClear();
    const composed = gradOf(op, x, w, true);
    expect(spy).not.toHaveBeenCalled(); // with an outer tape it composes ops
    spy.mockRestore();
    expect([...fused].map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
      [...composed].map((v) => (Object.is(v, -0) ? 0 : v)),
    );
  });

  it.each(OPS)(
    '%s: with the default seed as cotangent (y = op(x) as the target) it skips the product, same bits',
    (op) => {
      const x = tensor(DOMAIN[op] ?? X);
      const f = (g as any)[op] as (t: Tensor) => Tensor;
      const first = (): Float64Array => {
        const tape = new GradientTape();
        const y = tape.record(() => {
          tape.watch(x);
          return f(x);
        });
        return tape.gradient(y, x)!.data() as Float64Array;
      };
      const spy = vi.spyOn(cpuBackend, 'unaryGrad');
      const fused = first();
      expect(spy.mock.calls.some((c) => c[3] === null)).toBe(true); // the cotangent was the shared ones seed
      spy.mockRestore();
      const composed = new GradientTape().record(first); // an outer tape: the rule composes ops
      expect([...fused].map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
        [...composed].map((v) => (Object.is(v, -0) ? 0 : v)),
      );
    },
  );

  it('a zero cotangent gives 0 even where the derivative is infinite (sqrt at 0, log at 0)', () => {
    const x = tensor([0, 4]);
    expect(
      g
        .grad((t: Tensor) => g.sum(g.mul(g.sqrt(t), tensor([0, 1]))))(x)
        .toArray(),
    ).toEqual([0, 0.25]);
    expect(
      g
        .grad((t: Tensor) => g.sum(g.mul(g.log(t), tensor([0, 1]))))(x)
        .toArray(),
    ).toEqual([0, 0.25]);
  });

  it('declines float32 and ops without a fused rule, so callers compose the rule', () => {
    const f32 = tensor([1, 2], { dtype: 'float32' });
    expect(unaryGrad('sin', f32, f32, f32)).toBeInstanceOf(Float64Array); // the kernel itself is dtype-agnostic…
    expect(unaryGrad('floor', f32, f32, f32)).toBeNull(); // …but has no rule for piecewise-constant ops
    const y = g.grad((t: Tensor) => g.sum(g.sin(t)))(f32) as Tensor; // and the primitive only fuses float64
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.data())).toEqual([Math.fround(Math.cos(1)), Math.fround(Math.cos(2))]);
  });

  it('higher derivatives still compose (the fused path is first-order only)', () => {
    expect((g.grad(g.grad((t: Tensor) => g.sin(t)))(0.5) as Tensor).item()).toBeCloseTo(-Math.sin(0.5), 15);
    expect((g.grad(g.grad((t: Tensor) => g.pow(t, 2)))(3) as Tensor).item()).toBe(2);
  });
});
