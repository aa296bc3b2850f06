/**
 * @file The harness fails where it should: a backend with one wrong kernel, a wrong dtype, a wrong shape, a
 * missing gradient, and inputs outside an op's domain are all reported, not passed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { asyncCpuBackend } from '../helpers/async-cpu.js';
import { TOL, expectLikeCpu, grid, withGrad } from './harness.js';

// the float32 test backend with sin computed as cos
g.registerBackend('broken-sin', {
  create: async () => ({
    ...asyncCpuBackend,
    name: 'broken-sin',
    unary: (name, x, dtype) => asyncCpuBackend.unary(name === 'sin' ? 'cos' : name, x, dtype),
  }),
});

afterEach(async () => {
  await g.setBackend('cpu');
});

describe('expectLikeCpu', () => {
  it('passes a correct backend', async () => {
    await g.setBackend('async-cpu');
    await expectLikeCpu(withGrad(g.sin), [grid([5], -1, 1)], TOL.transcendental);
  });

  it('fails a wrong kernel, showing the elements that differ', async () => {
    await g.setBackend('broken-sin');
    await expect(expectLikeCpu(g.sin, [grid([5], -1, 1)], TOL.transcendental)).rejects.toThrow(
      /output 0 on broken-sin: 5 of 5 element\(s\) differ beyond rtol 0.00002.*\n {2}\[0\]: got/,
    );
    // the gradient of cos uses sin: the rule's kernels are checked too
    await expect(expectLikeCpu(withGrad(g.cos), [grid([5], 0.5, 1)], TOL.transcendental)).rejects.toThrow(
      /output 1 on broken-sin/,
    );
  });

  it('fails a wrong dtype, shape or missing output, and a reference outside the domain', async () => {
    await g.setBackend('async-cpu');
    const x = [grid([4], 0.5, 2)];
    await expect(
      expectLikeCpu((t) => g.cast(t, g.getBackend() === 'cpu' ? 'float64' : 'int32'), x, TOL.exact),
    ).rejects.toThrow(/dtype int32, expected float32/);
    await expect(
      expectLikeCpu((t) => (g.getBackend() === 'cpu' ? t : g.reshape(t, [2, 2])), x, TOL.exact),
    ).rejects.toThrow(/shape \[2,2\], the CPU gave \[4\]/);
    await expect(expectLikeCpu((t) => [t, g.getBackend() === 'cpu' ? t : null], x, TOL.exact)).rejects.toThrow(
      /output 1 on async-cpu: null, the CPU gave a tensor/,
    );
    await expect(expectLikeCpu((t) => g.log(g.sub(t, 1)), x, TOL.exact)).rejects.toThrow(/not finite/);
  });

  it('exact means bit-exact: one float32 ulp fails it', async () => {
    await g.setBackend('async-cpu');
    const x = [grid([3], 1, 2)];
    const off = (t: g.Tensor) => (g.getBackend() === 'cpu' ? t : g.mul(t, 1 + 2 ** -23));
    await expect(expectLikeCpu(off, x, TOL.exact)).rejects.toThrow(/differ beyond rtol 0/);
    await expectLikeCpu(off, x, TOL.arith);
  });
});
