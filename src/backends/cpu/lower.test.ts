/** @file lowerKernel's choice: WebAssembly for long arrays of vectorised kernels, JavaScript otherwise, same values. */
import { describe, expect, it } from 'vitest';
import { binary, evaluate, input, konst, unary } from '../../ir/exp.js';
import type { KernelSpec } from '../../ir/kernel.js';
import { lowerKernel, vectorised, WASM_MIN_LENGTH } from './lower.js';
import { lowerToJs } from './lower-js.js';
import { lowerToWasm } from './wasm/lower.js';

/** W2: the value sum(5 sin 2x + x²) and its gradient 10 cos 2x + 2x in one kernel. */
const w2 = (dtype: 'float32' | 'float64'): KernelSpec => {
  const x = input(0, dtype),
    c = (v: number) => konst(v, dtype);
  const two = binary('mul', c(2), x);
  return {
    inputs: [dtype],
    outputs: [
      { exp: binary('add', binary('mul', c(5), unary('sin', two)), binary('mul', x, x)), sum: true },
      { exp: binary('add', binary('mul', c(10), unary('cos', two)), binary('mul', c(2), x)) },
    ],
  };
};

const run = (k: ReturnType<typeof lowerKernel>, n: number, dtype: 'float32' | 'float64') => {
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  const x = new Arr(n).map((_, i) => -3 + (6 * i) / n);
  const sum = new Arr(1),
    grad = new Arr(n);
  k(n, [x], [sum, grad]);
  return { x, sum: sum[0]!, grad };
};

describe('lowerKernel', () => {
  it('knows which kernels WebAssembly vectorises', () => {
    expect(vectorised(w2('float32'))).toBe(true);
    expect(vectorised({ inputs: ['float64'], outputs: [{ exp: binary('pow', input(0), konst(3)) }] })).toBe(false);
    expect(
      vectorised({ inputs: ['int32'], outputs: [{ exp: binary('add', input(0, 'int32'), konst(1, 'int32')) }] }),
    ).toBe(false);
  });

  it.each(['float32', 'float64'] as const)(
    'runs W2 in %s through WebAssembly from WASM_MIN_LENGTH on, through JavaScript below',
    (dtype) => {
      const spec = w2(dtype),
        k = lowerKernel(spec),
        wasm = lowerToWasm(spec),
        js = lowerToJs(spec);
      const long = WASM_MIN_LENGTH + 5,
        short = WASM_MIN_LENGTH - 1;
      if (wasm !== null) expect(run(k, long, dtype)).toEqual(run(wasm, long, dtype));
      expect(run(k, short, dtype)).toEqual(run(js, short, dtype));
      // either way, the gradient is the IR's within float32 rounding
      const { x, grad } = run(k, long, dtype);
      for (let i = 0; i < long; i += 97) expect(grad[i]).toBeCloseTo(evaluate(spec.outputs[1]!.exp, [x[i]!]), 4);
    },
  );

  it('keeps kernels WebAssembly would compute per lane in JavaScript at any length', () => {
    const spec: KernelSpec = { inputs: ['float64'], outputs: [{ exp: binary('pow', input(0), konst(0.5)) }] };
    const n = 2 * WASM_MIN_LENGTH,
      x = new Float64Array(n).map((_, i) => i),
      out = new Float64Array(n);
    lowerKernel(spec)(n, [x], [out]);
    for (let i = 0; i < n; i += 101) expect(out[i]).toBe(i ** 0.5);
  });
});
