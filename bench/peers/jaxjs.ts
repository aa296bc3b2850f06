/**
 * @file jax-js peers (its WebAssembly device, the only one Node offers), eager and `jit`, written with its
 * ownership rules (`.ref` before every reuse, `dispose` of results) since it frees memory by reference count.
 * Results are read back with `dataSync()`: jax-js computes lazily, so a timing without it would measure nothing.
 */
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

type Jax = typeof import('@jax-js/jax');
let jaxModule: Jax | null = null;

async function loadJax(): Promise<Jax> {
  if (jaxModule) return jaxModule;
  const jax = await import('@jax-js/jax');
  // init() without arguments probes WebGPU through `navigator`, which Node lacks: ask for wasm only
  await jax.init('wasm' as any);
  jax.defaultDevice('wasm' as any);
  jaxModule = jax;
  return jax;
}

/** Makes a jax-js peer; `compiled` wraps each workload's function in `jit`. */
export async function jaxPeer(compiled: boolean): Promise<Peer> {
  const jax = await loadJax();
  const np = jax.numpy as any;
  const wrap = <F extends (...a: any[]) => any>(fn: F): F => (compiled ? (jax.jit(fn as any) as any) : fn);
  const arr = (d: Float64Array | Float32Array, dtype: FloatDType): any =>
    np.array(dtype === 'float32' ? Float32Array.from(d) : Float64Array.from(d));
  const sync = (t: any): void => {
    t.dataSync();
  };
  const f = (x: any, y: any): any =>
    np
      .sin(x.mul(4))
      .sub(np.cos(y.mul(5)))
      .div(5);

  const stepper = (kind: OptimizerKind): Stepper => {
    if (kind !== 'sgd') throw new Unsupported('n/a: jax-js ships no optimizers (@jax-js/optax is not installed)');
    const g = jax.grad((a: any, b: any) => f(a, b), { argnums: [0, 1] } as any) as any;
    const step = wrap((a: any, b: any) => {
      const [ga, gb] = g(a.ref, b.ref);
      return [a.sub(ga.mul(LR)), b.sub(gb.mul(LR))];
    });
    let x = np.array(START[0]),
      y = np.array(START[1]);
    return {
      step() {
        const [nx, ny] = step(x, y);
        x = nx;
        y = ny;
        x.ref.dataSync();
      },
      state: () => [x.ref.dataSync()[0], y.ref.dataSync()[0]],
    };
  };

  return {
    name: compiled ? 'jax-js jit' : 'jax-js eager',
    dtype: 'float32',
    w1() {
      const x = arr(w1X(), 'float32');
      // x**2 + 1 summed (jax's grad needs a scalar; the tape sums non-scalar targets the same way)
      const vg = wrap(jax.valueAndGrad((t: any) => np.sum(np.square(t).add(1))) as any);
      return () => {
        const [v, g] = vg(x.ref);
        sync(g);
        v.dispose();
      };
    },
    w2(n: number, dtype: FloatDType) {
      // jax-js's float64 path allocates a Float16Array, a global Node 20 lacks (it came in Node 22/24)
      if (dtype === 'float64' && typeof (globalThis as any).Float16Array === 'undefined')
        throw new Unsupported('n/a: jax-js float64 needs Float16Array (absent in this Node)');
      const x = arr(w2X(n), dtype);
      const vg = wrap(jax.valueAndGrad((t: any) => np.sum(np.sin(t.ref.mul(2)).mul(5).add(np.square(t)))) as any);
      return () => {
        const [v, g] = vg(x.ref);
        sync(g);
        v.dispose();
      };
    },
    w3() {
      const [xs, ys] = w3XY();
      const x = arr(xs, 'float32'),
        y = arr(ys, 'float32');
      const g = wrap(jax.grad((a: any, b: any) => np.sum(f(a, b)), { argnums: [0, 1] } as any) as any);
      return () => {
        const [gx, gy] = g(x.ref, y.ref);
        sync(gx);
        sync(gy);
      };
    },
    optimizer: stepper,
    w6() {
      const [X, W] = w6XW();
      const tx = np.array(X).reshape([MATMUL_N, MATMUL_N]),
        tw = np.array(W).reshape([MATMUL_N, MATMUL_N]);
      const g = wrap(jax.grad((w: any, xx: any) => np.sum(np.tanh(np.matmul(xx, w)))) as any);
      return () => {
        const dw = g(tw.ref, tx.ref);
        sync(dw);
      };
    },
    newcomer: () => stepper('sgd'),
  };
}
