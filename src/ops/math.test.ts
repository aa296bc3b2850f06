/** @file Composite ops (clip, …) and the API surface: every op in API.md exists as a function and as a Tensor method. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, gradcheck, Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

describe('clip', () => {
  it('limits values, with number or tensor bounds, and broadcasts', () => {
    expectAllClose(g.clip(tensor([-2, 0, 2]), -1, 1), [-1, 0, 1]);
    expectAllClose(g.clip(tensor([[-2, 0, 2]]), tensor([[-1], [0]]), 1), [
      [-1, 0, 1],
      [0, 0, 1],
    ]);
    expectAllClose(tensor([5]).clip(0, 3), [3]);
    expect(g.clip(tensor([1], { dtype: 'float32' }), 0, 0.5).dtype).toBe('float32');
    expectAllClose(g.clip(tensor([NaN]), 0, 1), [NaN]);
    expect(() => g.clip(tensor([1]), 2, 1)).toThrow(/clip: min \(2\).*max \(1\)/);
  });
  it('passes the gradient inside [min, max] (inclusive, as TF clip_by_value) and blocks it outside', () => {
    expectAllClose(g.grad((x: Tensor) => g.sum(g.clip(x, -1, 1)))(tensor([-2, -1, 0, 1, 2])), [0, 1, 1, 1, 0]);
    const r = gradcheck((x: Tensor) => g.clip(x, -1, 1), [tensor([-1.5, -0.3, 0.4, 2.2])], {
      modes: ['rev', 'fwd'],
      order: 3,
    });
    expect(r.ok).toBe(true);
  });
});

describe('argument validation of composites names the composite', () => {
  it('softmax/logSoftmax axis, elu alpha', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => g.softmax(x, 4)).toThrow(/^softmax: axis 4 is out of range for a tensor of rank 2/);
    expect(() => g.logSoftmax(x, -3)).toThrow(/^logSoftmax: axis -3/);
    expect(() => g.elu(x, 'a' as any)).toThrow(/^elu: alpha must be a finite number/);
    expect(() => g.mean(x, 9)).toThrow(/^mean: axis 9/);
    expect(() => g.norm(x, { axis: 7 })).toThrow(/^norm: axis 7/);
  });
});

describe('float32 stays float32 through composites and movement ops, values and gradients', () => {
  const x = tensor(
    [
      [0.5, -0.25],
      [0.75, 0.125],
    ],
    { dtype: 'float32' },
  );
  const cases: [string, (t: Tensor) => Tensor][] = [
    ['mean', (t) => g.mean(t)],
    ['norm', (t) => g.norm(t)],
    ['norm ord 1', (t) => g.norm(t, { ord: 1 })],
    ['logsumexp', (t) => g.logsumexp(t, 1)],
    ['softmax', (t) => g.softmax(t)],
    ['logSoftmax', (t) => g.logSoftmax(t)],
    ['clip', (t) => g.clip(t, -0.2, 0.6)],
    ['elu', (t) => g.elu(t)],
    ['logSigmoid', (t) => g.logSigmoid(t)],
    ['where', (t) => g.where(g.greater(t, 0), t, 0)],
    ['concat', (t) => g.concat([t, t], 1)],
    ['stack', (t) => g.stack([t, t])],
    ['gather', (t) => g.gather(t, [1, 0])],
    ['tile', (t) => g.tile(t, [2, 1])],
    ['transpose', (t) => g.transpose(t)],
    ['slice', (t) => g.slice(t, [0, 1], [2, 1])],
    [
      'pad',
      (t) =>
        g.pad(t, [
          [1, 0],
          [0, 1],
        ]),
    ],
    ['reshape', (t) => g.reshape(t, [4])],
    ['broadcastTo', (t) => g.broadcastTo(t, [3, 2, 2])],
    ['matmul', (t) => g.matmul(t, t)],
    ['prod', (t) => g.prod(t, 0)],
    ['max', (t) => g.max(t, 1)],
    ['mul by number', (t) => g.mul(t, 3)],
    ['pow by number', (t) => g.pow(t, 2)],
  ];
  it.each(cases)('%s', (_name, f) => {
    expect(f(x).dtype).toBe('float32');
    const d = g.grad((t: Tensor) => g.sum(f(t)))(x);
    expect(d.dtype).toBe('float32');
    const d64 = g.grad((t: Tensor) => g.sum(f(t)))(g.cast(x, 'float64'));
    expectAllClose(d, d64, { rtol: 1e-5, atol: 1e-6 });
  });
});

describe('API surface', () => {
  const unary = [
    'neg',
    'abs',
    'sign',
    'square',
    'sqrt',
    'rsqrt',
    'exp',
    'expm1',
    'log',
    'log1p',
    'reciprocal',
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'sinh',
    'cosh',
    'tanh',
    'asinh',
    'acosh',
    'atanh',
    'sigmoid',
    'relu',
    'softplus',
    'elu',
    'erf',
    'logSigmoid',
    'softmax',
    'logSoftmax',
    'logsumexp',
    'floor',
    'ceil',
    'round',
    'sum',
    'mean',
    'prod',
    'max',
    'min',
    'norm',
    'transpose',
    'flatten',
    'squeeze',
  ];
  const binary = [
    'add',
    'sub',
    'mul',
    'div',
    'pow',
    'mod',
    'atan2',
    'maximum',
    'minimum',
    'equal',
    'notEqual',
    'greater',
    'greaterEqual',
    'less',
    'lessEqual',
    'matmul',
    'dot',
  ];
  const x = tensor([
    [0.5, 0.25],
    [0.75, 0.125],
  ]);
  it.each(unary)('%s: function and method agree', (name) => {
    const f = (g as any)[name];
    expect(typeof f).toBe('function');
    expect(typeof (Tensor.prototype as any)[name]).toBe('function');
    expectAllClose((x as any)[name](), f(x));
  });
  it.each(binary)('%s: function and method agree', (name) => {
    const y = tensor([
      [0.3, 0.6],
      [0.9, 0.1],
    ]);
    expectAllClose((x as any)[name](y), (g as any)[name](x, y));
  });
  it('the other ops and creation functions of API.md are exported', () => {
    for (const name of [
      'clip',
      'where',
      'reshape',
      'expandDims',
      'squeeze',
      'concat',
      'stack',
      'slice',
      'gather',
      'tile',
      'broadcastTo',
      'flatten',
      'tensor',
      'scalar',
      'zeros',
      'ones',
      'fill',
      'eye',
      'linspace',
      'arange',
      'meshgrid',
      'stopGradient',
      'customGradient',
      'grad',
      'valueAndGrad',
      'jacobian',
      'jacrev',
      'jacfwd',
      'hessian',
      'jvp',
      'vjp',
      'hvp',
      'gradcheck',
      'detectAnomaly',
    ]) {
      expect(typeof (g as any)[name], name).toBe('function');
    }
    expect(typeof g.random.normal).toBe('function');
    expect(typeof g.random.uniform).toBe('function');
    for (const m of ['reshape', 'expandDims', 'slice', 'gather', 'tile', 'broadcastTo', 'clip', 'cast']) {
      expect(typeof (Tensor.prototype as any)[m], m).toBe('function');
    }
  });
});
