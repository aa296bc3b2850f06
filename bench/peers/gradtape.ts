/**
 * @file gradtape peers: eager (the tape as the tutorial uses it) and `jit` (the same functions traced once
 * and run as fused, generated loops). W4/W5 eager use the library's optimizers; W4 with `jit` compiles the
 * whole SGD step (gradient and update) into one kernel.
 */
import * as gt from '../../src/index.js';
import { type Peer, type FloatDType, type OptimizerKind, type Stepper, Unsupported, LR, START, MATMUL_N, w1X, w2X, w3XY, w6XW } from '../workloads.js';

const { GradientTape, Variable, tensor, add, sub, mul, div, sin, cos, square, sum, tanh, matmul, reshape, valueAndGrad, grad, jit } = gt;
type Tensor = gt.Tensor;

const f = (x: unknown, y: unknown): Tensor => div(sub(sin(mul(4, x as Tensor)), cos(mul(5, y as Tensor))), 5);
const w2f = (t: Tensor): Tensor => sum(add(mul(5, sin(mul(2, t))), square(t)));

/** The tutorial's first cell, one full iteration: fresh tape, x**2 + 1, gradient. */
function cell1(x: Tensor): [Tensor, Tensor] {
  const tape = new GradientTape();
  const y = tape.record(() => { tape.watch(x); return add(square(x), 1); });
  return [y, tape.gradient(y, x)];
}

let optim: any = null;
/** The optimizer module, if the optimizer engineer's `src/optim/` is present; else a plain assignSub loop. */
async function loadOptim(): Promise<any> {
  if (optim !== null) return optim;
  try { optim = await import('../../src/optim/index.js'); } catch { optim = false; }
  return optim;
}

function eagerStepper(kind: OptimizerKind): Stepper {
  const x = new Variable(START[0], { name: 'x' }), y = new Variable(START[1], { name: 'y' });
  const loss = (): Tensor => f(x, y);
  if (optim) {
    const opt = kind === 'sgd' ? new optim.SGD({ learningRate: LR }) : kind === 'rmsprop' ? new optim.RMSprop({ learningRate: LR }) : new optim.Adam({ learningRate: LR });
    return { step: () => { opt.minimize(loss, [x, y]); }, state: () => [x.value().item(), y.value().item()] };
  }
  if (kind !== 'sgd') throw new Unsupported('n/a: src/optim not available');
  return {
    step() {
      const tape = new GradientTape();
      const l = tape.record(loss);
      const [gx, gy] = tape.gradient(l, [x, y]);
      x.assignSub(mul(gx, LR)); y.assignSub(mul(gy, LR));
    },
    state: () => [x.value().item(), y.value().item()],
  };
}

export async function gradtapePeer(compiled: boolean): Promise<Peer> {
  await loadOptim();
  const wrap = <F extends (...a: any[]) => any>(fn: F): F => (compiled ? (jit(fn) as unknown as F) : fn);
  return {
    name: compiled ? 'gradtape jit' : 'gradtape eager',
    dtype: 'float64',
    ours: true,
    w1() {
      const x = tensor(w1X());
      const run = wrap(cell1);
      return () => run(x);
    },
    w2(n: number, dtype: FloatDType) {
      const x = tensor(w2X(n), { dtype });
      const vg = wrap(valueAndGrad(w2f));
      return () => vg(x);
    },
    w3() {
      const [xs, ys] = w3XY();
      const x = new Variable(xs, { name: 'x' }), y = new Variable(ys, { name: 'y' });
      const run = wrap(() => {
        const tape = new GradientTape({ persistent: true });
        const z = tape.record(() => f(x, y));
        return tape.gradient(z, [x, y]);
      });
      return () => run();
    },
    optimizer(kind: OptimizerKind): Stepper {
      if (!compiled) return eagerStepper(kind);
      if (kind !== 'sgd') throw new Unsupported('n/a: no functional RMSprop/Adam step written for jit');
      // the whole step as one pure function of the state: gradient and update fused into one kernel
      const g = grad(f, { argnums: [0, 1] });
      const step = jit((a: Tensor, b: Tensor) => { const [ga, gb] = g(a, b); return [sub(a, mul(LR, ga)), sub(b, mul(LR, gb))]; });
      let x = tensor(START[0]), y = tensor(START[1]);
      return { step() { [x, y] = step(x, y); }, state: () => [x.item(), y.item()] };
    },
    w6() {
      const [X, W] = w6XW();
      const tx = reshape(tensor(X), [MATMUL_N, MATMUL_N]), tw = reshape(tensor(W), [MATMUL_N, MATMUL_N]);
      const vg = wrap(valueAndGrad((w: Tensor, xx: Tensor) => sum(tanh(matmul(xx, w)))));
      return () => vg(tw, tx);
    },
    newcomer() {
      if (compiled) throw new Unsupported('n/a: W7 is the eager newcomer loop');
      return eagerStepper('sgd');
    },
  };
}
