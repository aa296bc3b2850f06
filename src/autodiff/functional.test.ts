/** @file JAX-style transforms: grad, valueAndGrad (argnums), jacobian/jacrev vs jacfwd, hessian, jvp, vjp, hvp. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, Variable, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

const cube = (x: Tensor) => g.pow(x, 3);

describe('grad and valueAndGrad', () => {
  it('grad of a scalar function; nested grad for higher derivatives', () => {
    expectAllClose(g.grad(cube)(2), 12);
    expectAllClose(g.grad(g.grad(cube))(2), 12);
    expectAllClose(g.grad(g.grad(g.grad(cube)))(2), 6);
    expectAllClose(g.grad(g.grad(g.grad(g.grad(g.sin))))(0.5), Math.sin(0.5), { rtol: 1e-14 });
  });
  it('non-scalar outputs are summed; numbers and arrays are accepted as arguments', () => {
    expectAllClose(g.grad((x: Tensor) => g.square(x))([1, 2, 3]), [2, 4, 6]);
  });
  it('argnums selects arguments; an array gives an array of gradients', () => {
    const f = (x: Tensor, y: Tensor) => g.mul(g.square(x), y);
    expectAllClose(g.grad(f)(3, 2), 12);
    expectAllClose(g.grad(f, { argnums: 1 })(3, 2), 9);
    const [dx, dy] = g.grad(f, { argnums: [0, 1] })(3, 2);
    expectAllClose(dx, 12);
    expectAllClose(dy, 9);
    expect(() => g.grad(f, { argnums: 2 })(3, 2)).toThrow(/^grad: argnums 2 is out of range.*2 argument/);
  });
  it('valueAndGrad returns [value, grad]; unused arguments get zeros', () => {
    const [v, d] = g.valueAndGrad((x: Tensor) => g.sum(g.square(x)))(tensor([1, 2]));
    expectAllClose(v, 5);
    expectAllClose(d, [2, 4]);
    const [, [a, b]] = g.valueAndGrad((x: Tensor, _y: Tensor) => g.sum(x), { argnums: [0, 1] })(
      tensor([1]),
      tensor([1, 2]),
    );
    expectAllClose(a, [1]);
    expectAllClose(b, [0, 0]);
  });
  it('gradients over nested argument structures (pytrees)', () => {
    const f = (p: { w: Tensor; b: Tensor[] }) => g.sum(g.add(g.mul(p.w, 2), g.mul(p.b[0], p.b[1])));
    const d = g.grad(f)({ w: tensor([1, 2]), b: [scalar(3), scalar(4)] });
    expectAllClose(d.w, [2, 2]);
    expectAllClose(d.b[0], 8);
    expectAllClose(d.b[1], 6);
  });
  it('int arguments and non-tensor outputs are rejected with reasons', () => {
    expect(() => g.grad(cube)(tensor([1], { dtype: 'int32' }))).toThrow(/^grad: argument 0 has dtype int32.*float/);
    // @ts-expect-error f must return a tensor or number: checked at run time too
    expect(() => g.grad(() => 'x')(1)).toThrow(/^grad: f must return a tensor/);
    // @ts-expect-error as above
    expect(() => g.valueAndGrad(() => 'x')(1)).toThrow(/^valueAndGrad: f must return a tensor/);
    expect(() => g.grad(5 as any)).toThrow(/grad: f must be a function/);
  });
  it('a Variable argument is differentiated like a tensor', () => {
    expectAllClose(g.grad(cube)(new Variable(2)), 12);
  });
});

describe('jacobian, jacfwd, hessian', () => {
  it('jacrev and jacfwd agree and have shape [...out, ...in]', () => {
    const x = tensor([0.3, -0.8]);
    const h = (t: Tensor) => g.concat([g.mul(g.slice(t, [0], [1]), g.slice(t, [1], [1])), g.sin(t), g.exp(t)]);
    const Jr = g.jacrev(h)(x),
      Jf = g.jacfwd(h)(x);
    expect(Jr.shape).toEqual([5, 2]);
    expectAllClose(Jr, Jf, { rtol: 1e-14 });
    expectAllClose(
      Jr,
      [
        [-0.8, 0.3],
        [Math.cos(0.3), 0],
        [0, Math.cos(-0.8)],
        [Math.exp(0.3), 0],
        [0, Math.exp(-0.8)],
      ],
      { rtol: 1e-14 },
    );
  });
  it('jacobian of a matrix function has 4 dims', () => {
    const A = tensor([
      [1, 2],
      [3, 4],
    ]);
    const J = g.jacobian((a: Tensor) => g.matmul(a, a))(A);
    expect(J.shape).toEqual([2, 2, 2, 2]);
    expectAllClose(J, g.jacfwd((a: Tensor) => g.matmul(a, a))(A));
    // a one-leaf object reaches f as the object it was (it was unwrapped to its leaf, so f saw another argument)
    const seen: unknown[] = [];
    const byKey = (p: { w: Tensor }) => {
      seen.push(p);
      return g.square(p.w);
    };
    expectAllClose(g.jacfwd(byKey as never)({ w: tensor([1, 2]) } as never), [
      [2, 0],
      [0, 4],
    ]);
    expect(seen.every((p) => typeof p === 'object' && p !== null && 'w' in p)).toBe(true);
  });
  it('jacrev is jacobian under its JAX name (and its errors give that name); argnums picks the argument', () => {
    const f = (a: Tensor, b: Tensor) => g.mul(a, b);
    expectAllClose(
      g.jacrev(f, { argnums: 1 })(tensor([2, 3]), tensor([1, 1])),
      g.jacobian(f, { argnums: 1 })(tensor([2, 3]), tensor([1, 1])),
    );
    expect(() => g.jacrev('f' as never)).toThrow(/^jacrev: f must be a function/);
    expect(() => g.jacrev(f, { argnums: 5 })(tensor(1), tensor(1))).toThrow(/^jacrev: argnums 5 is out of range/);
    expectAllClose(g.jacobian((a: Tensor, b: Tensor) => g.mul(a, b), { argnums: 1 })(tensor([2, 3]), tensor([1, 1])), [
      [2, 0],
      [0, 3],
    ]);
  });
  it('forward-over-reverse Hessian (jacfwd of grad) equals reverse-over-reverse', () => {
    const f = (x: Tensor) => g.sum(g.mul(g.sin(x), g.prod(x)));
    const x = tensor([0.3, -0.7, 1.1]);
    expectAllClose(g.jacfwd(g.grad(f))(x), g.hessian(f)(x), { rtol: 1e-12, atol: 1e-14 });
  });
  it('hessian of sum(x³) and of a coupled function', () => {
    expectAllClose(g.hessian((x: Tensor) => g.sum(g.pow(x, 3)))(tensor([1, 2])), [
      [6, 0],
      [0, 12],
    ]);
    // f = x0² x1: H = [[2x1, 2x0], [2x0, 0]]
    const H = g.hessian((x: Tensor) => g.sum(g.mul(g.square(g.gather(x, [0])), g.gather(x, [1]))))(tensor([3, 5]));
    expectAllClose(H, [
      [10, 6],
      [6, 0],
    ]);
  });
});

describe('jvp, vjp, hvp', () => {
  it('jvp returns [f(x), J·v]', () => {
    const [y, dy] = g.jvp(
      (x: Tensor, z: Tensor) => g.mul(g.sin(x), z),
      [tensor([0, 1]), tensor([2, 2])],
      [tensor([1, 1]), tensor([0, 1])],
    );
    expectAllClose(y, [0, 2 * Math.sin(1)], { rtol: 1e-14 });
    expectAllClose(dy, [2, 2 * Math.cos(1) + Math.sin(1)], { rtol: 1e-14 });
    expect(() => g.jvp(g.sin, [tensor([1, 2])], [tensor([1])])).toThrow(/jvp: tangents\[0\].*\[1\].*\[2\]/);
  });
  it('vjp returns [f(x), vjpFn] with one cotangent per primal, callable many times', () => {
    const [y, back] = g.vjp((a: Tensor, b: Tensor) => g.mul(a, b), tensor([1, 2]), tensor([3, 4]));
    expectAllClose(y, [3, 8]);
    const [da, db] = back(tensor([1, 10]));
    expectAllClose(da, [3, 40]);
    expectAllClose(db, [1, 20]);
    expectAllClose(back(tensor([1, 0]))[0], [3, 0]);
  });
  it('hvp equals the Hessian times v', () => {
    const f = (x: Tensor) => g.sum(g.mul(g.exp(x), g.sin(x)));
    const x = tensor([0.2, -0.4, 0.9]),
      v = tensor([1, 2, -1]);
    const H = g.hessian(f)(x);
    expectAllClose(g.hvp(f, x, v), g.matmul(H, v), { rtol: 1e-12 });
  });
  it('jacfwd and jacrev agree on random compositions with broadcasting', () => {
    const W = g.random.normal([3, 4], { seed: 3 });
    const h = (x: Tensor) => g.tanh(g.add(g.matmul(W, x), g.softplus(x).sum()));
    const x = g.random.normal([4], { seed: 4 });
    expectAllClose(g.jacrev(h)(x), g.jacfwd(h)(x), { rtol: 1e-12, atol: 1e-14 });
  });
});
