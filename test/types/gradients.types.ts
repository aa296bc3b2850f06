/**
 * @file Type tests of the public gradient signatures: compiled (never run) by `npm run typecheck`, so a change
 * that loosens a result back to `any`, or loses the structure of the sources, fails CI. `@ts-expect-error`
 * lines fail the compile if the error they expect goes away.
 */
import { expectTypeOf } from 'vitest';
import {
  ForwardAccumulator,
  GradientTape,
  Variable,
  grad,
  hessian,
  jacfwd,
  jacobian,
  jvp,
  linspace,
  pow,
  sum,
  tensor,
  valueAndGrad,
  vjp,
  SGD,
  type NestedValues,
  type Tensor,
} from 'gradtape';

const x = linspace(-1, 1, 5),
  w = new Variable(tensor([1, 2])),
  b = new Variable(0);
const tape = new GradientTape({ persistent: true });
const y = tape.record(() => sum(pow(x, 2)));

// GradientTape.gradient: the structure of the sources, Tensor | null per leaf (zeros: Tensor)
expectTypeOf(tape.gradient(y, x)).toEqualTypeOf<Tensor | null>();
expectTypeOf(tape.gradient(y, w)).toEqualTypeOf<Tensor | null>();
expectTypeOf(tape.gradient(y, [x, w])).toEqualTypeOf<[Tensor | null, Tensor | null]>();
expectTypeOf(tape.gradient(y, { w, b })).toEqualTypeOf<{ w: Tensor | null; b: Tensor | null }>();
expectTypeOf(tape.gradient(y, { layer: [w, b] })).toEqualTypeOf<{ layer: [Tensor | null, Tensor | null] }>();
expectTypeOf(tape.gradient(y, [x, w], { unconnectedGradients: 'zero' })).toEqualTypeOf<[Tensor, Tensor]>();
const list: Variable[] = [w, b];
expectTypeOf(tape.gradient(y, list)).toEqualTypeOf<(Tensor | null)[]>();
// the bug the types exist for: a null gradient used as a tensor no longer compiles
// @ts-expect-error the gradient may be null
tape.gradient(y, x).toArray();
// @ts-expect-error sources are tensors or Variables, not numbers
tape.gradient(y, 3);

// jacobian and batchJacobian
expectTypeOf(tape.jacobian(y, x)).toEqualTypeOf<Tensor | null>();
expectTypeOf(tape.jacobian(y, [x, w])).toEqualTypeOf<[Tensor | null, Tensor | null]>();
expectTypeOf(tape.jacobian(y, { w }, { unconnectedGradients: 'zero' })).toEqualTypeOf<{ w: Tensor }>();
expectTypeOf(tape.batchJacobian(y, x)).toEqualTypeOf<Tensor | null>();

// ForwardAccumulator.jvp
const acc = new ForwardAccumulator(x, tensor([1, 0, 0, 0, 0]));
expectTypeOf(acc.jvp(y)).toEqualTypeOf<Tensor | null>();
expectTypeOf(acc.jvp([y, y], { unconnectedGradients: 'zero' })).toEqualTypeOf<[Tensor, Tensor]>();

// grad / valueAndGrad / jacobian: the gradient of the argument(s) named by argnums (never null: zeros)
const cube = (t: Tensor) => pow(t, 3);
expectTypeOf(grad(cube)).toBeCallableWith(2); // tensor-likes are accepted where f takes a tensor
expectTypeOf(grad(cube)).toBeCallableWith([[1, 2]]);
expectTypeOf(grad(cube)(2)).toEqualTypeOf<Tensor>();
expectTypeOf(grad(grad(cube))(2)).toEqualTypeOf<Tensor>();
expectTypeOf(grad((a) => sum(pow(a, 2)))([1, 2])).toEqualTypeOf<Tensor>();
const loss = (p: { w: Tensor; b: Tensor }, data: number[]) => sum(pow(p.w.add(p.b), data.length));
expectTypeOf(grad(loss)({ w: [1, 2], b: 0 }, [1, 2])).toEqualTypeOf<{ w: Tensor; b: Tensor }>();
expectTypeOf(valueAndGrad(loss)({ w: [1, 2], b: 0 }, [1])).toEqualTypeOf<[Tensor, { w: Tensor; b: Tensor }]>();
const two = (a: Tensor, c: Tensor) => sum(a.mul(c));
expectTypeOf(grad(two, { argnums: 1 })(1, 2)).toEqualTypeOf<Tensor>();
expectTypeOf(grad(two, { argnums: [0, 1] })(1, 2)).toEqualTypeOf<[Tensor, Tensor]>();
expectTypeOf(jacobian(cube)(x)).toEqualTypeOf<Tensor>();
expectTypeOf(jacfwd(cube)(x)).toEqualTypeOf<Tensor>();
expectTypeOf(hessian((t: Tensor) => sum(pow(t, 3)))(x)).toEqualTypeOf<Tensor>();
// @ts-expect-error f must return a tensor or a number
grad((t: Tensor) => t.toString());
// @ts-expect-error loss takes an object { w, b }
grad(loss)(1, [1]);

// jvp / vjp
expectTypeOf(jvp(cube, [1], [1])).toEqualTypeOf<[Tensor, Tensor]>();
const [out, back] = vjp(cube, 2);
expectTypeOf(out).toEqualTypeOf<Tensor>();
expectTypeOf(back(tensor(1))).toEqualTypeOf<Tensor[]>();

// optimizers' applyGradients takes the tape's (possibly null) gradients as they come
const opt = new SGD({ learningRate: 0.1 });
const [gw, gb] = tape.gradient(y, [w, b]);
expectTypeOf(
  opt.applyGradients([
    [gw, w],
    [gb, b],
  ]),
).toEqualTypeOf<number>();
// @ts-expect-error the second element of a pair is the Variable
opt.applyGradients([[gw, x]]);

// toArray() is not `any`: nested arrays of numbers (or booleans), narrowed where the rank is known
const values = x.toArray();
expectTypeOf(values).toEqualTypeOf<NestedValues>();
// @ts-expect-error an element of an unknown-rank result is not a number until narrowed
values[0].toFixed(2);
expectTypeOf((values as number[])[0]!).toEqualTypeOf<number>();
