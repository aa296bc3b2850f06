/**
 * @file gradtape peers: eager (the tape as the tutorial uses it) and `jit` (the same functions traced once
 * and run as fused, generated loops). W4/W5 eager use the library's optimizers; W4 with `jit` compiles the
 * whole SGD step (gradient and update) into one kernel.
 */
import * as gt from '../../src/index.js';
import {
  type Peer,
  type FloatDType,
  type OptimizerKind,
  type Stepper,
  Unsupported,
  LR,
  START,
  MATMUL_N,
  w1X,
  w2X,
  w3XY,
  w6XW,
} from '../workloads.js';
import { cell1Of, sinCosOf } from './gradtape-cells.js';

type Tensor = gt.Tensor;

export function gradtapePeer(compiled: boolean): Peer {
  const {
    GradientTape,
    Variable,
    tensor,
    add,
    sub,
    mul,
    div,
    sin,
    square,
    sum,
    tanh,
    matmul,
    reshape,
    valueAndGrad,
    grad,
    jit,
  } = gt;
  const f = sinCosOf(gt);
  const w2f = (t: Tensor): Tensor => sum(add(mul(5, sin(mul(2, t))), square(t)));
  const cell1 = cell1Of(gt);

  /** The optimizers, if the library exports them (src/optim/); else W4 eager is a plain assignSub loop. */
  const optim: any = typeof (gt as any).SGD === 'function' ? gt : null;

  function eagerStepper(kind: OptimizerKind): Stepper {
    const x = new Variable(START[0], { name: 'x' }),
      y = new Variable(START[1], { name: 'y' });
    const loss = (): Tensor => f(x, y);
    if (optim) {
      const opt =
        kind === 'sgd'
          ? new optim.SGD({ learningRate: LR })
          : kind === 'rmsprop'
            ? new optim.RMSprop({ learningRate: LR })
            : new optim.Adam({ learningRate: LR });
      return {
        step: () => {
          opt.minimize(loss, [x, y]);
        },
        state: () => [x.value().item(), y.value().item()],
      };
    }
    if (kind !== 'sgd') throw new Unsupported('n/a: src/optim not available');
    return {
      step() {
        const tape = new GradientTape();
        const l = tape.record(loss);
        const [gx, gy] = tape.gradient(l, [x, y]);
        x.assignSub(mul(gx!, LR));
        y.assignSub(mul(gy!, LR));
      },
      state: () => [x.value().item(), y.value().item()],
    };
  }

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
      const x = new Variable(xs, { name: 'x' }),
        y = new Variable(ys, { name: 'y' });
      const run = wrap(() => {
        const tape = new GradientTape({ persistent: true });
        const z = tape.record(() => f(x, y));
        return tape.gradient(z, [x, y]);
      });
      return () => run();
    },
    optimizer(kind: OptimizerKind): Stepper {
      if (!compiled) return eagerStepper(kind);
      // the whole step as one pure function of the state: gradient and update fused into one kernel
      const g = grad(f, { argnums: [0, 1] });
      const { sqrt, pow } = gt;
      const rho = 0.9,
        b1 = 0.9,
        b2 = 0.999,
        eps = 1e-7;
      type S = Tensor[];
      const update: Record<OptimizerKind, (s: S) => S> = {
        sgd: ([a, b]) => {
          const [ga, gb] = g(a, b);
          return [sub(a, mul(LR, ga)), sub(b, mul(LR, gb))];
        },
        rmsprop: ([a, b, va, vb]) => {
          const [ga, gb] = g(a, b);
          const na = add(mul(rho, va), mul(1 - rho, square(ga))),
            nb = add(mul(rho, vb), mul(1 - rho, square(gb)));
          return [sub(a, div(mul(LR, ga), add(sqrt(na), eps))), sub(b, div(mul(LR, gb), add(sqrt(nb), eps))), na, nb];
        },
        adam: ([a, b, ma, mb, va, vb, t0]) => {
          const [ga, gb] = g(a, b);
          const t = add(t0, 1);
          const nma = add(ma, mul(sub(ga, ma), 1 - b1)),
            nmb = add(mb, mul(sub(gb, mb), 1 - b1));
          const nva = add(va, mul(sub(square(ga), va), 1 - b2)),
            nvb = add(vb, mul(sub(square(gb), vb), 1 - b2));
          const alpha = div(mul(LR, sqrt(sub(1, pow(b2, t)))), sub(1, pow(b1, t)));
          return [
            sub(a, div(mul(alpha, nma), add(sqrt(nva), eps))),
            sub(b, div(mul(alpha, nmb), add(sqrt(nvb), eps))),
            nma,
            nmb,
            nva,
            nvb,
            t,
          ];
        },
      };
      const step = jit((...s: S) => update[kind](s));
      const size = kind === 'sgd' ? 2 : kind === 'rmsprop' ? 4 : 7;
      let st: S = [tensor(START[0]), tensor(START[1]), ...Array.from({ length: size - 2 }, () => tensor(0))];
      return {
        step() {
          st = step(...st);
        },
        state: () => [st[0].item(), st[1].item()],
      };
    },
    w6() {
      const [X, W] = w6XW();
      const tx = reshape(tensor(X), [MATMUL_N, MATMUL_N]),
        tw = reshape(tensor(W), [MATMUL_N, MATMUL_N]);
      const vg = wrap(valueAndGrad((w: Tensor, xx: Tensor) => sum(tanh(matmul(xx, w)))));
      return () => vg(tw, tx);
    },
    newcomer() {
      if (compiled) throw new Unsupported('n/a: W7 is the eager newcomer loop');
      return eagerStepper('sgd');
    },
  };
}
