/**
 * @file TensorFlow.js peers: the CPU backend (plain JS kernels) and the WASM backend (XNNPACK), each
 * written as a TF.js user would (tf.valueAndGrad, tf.grads, tf.train optimizers), with `tf.tidy` around
 * each timed iteration except in W7, which is the newcomer's loop without tidy/dispose.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
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

type TF = typeof import('@tensorflow/tfjs-core');

/** Loads tfjs-core with `backend` registered (each peer has a process of its own, so only the one it runs). */
async function loadTf(backend: 'cpu' | 'wasm'): Promise<TF> {
  const tf = await import('@tensorflow/tfjs-core');
  // tfjs-core alone registers no gradients (the @tensorflow/tfjs bundle does this import for its users)
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // the .wasm binaries ship inside the npm package: point the loader at that folder on disk
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    wasm.setWasmPaths(path.join(dir, 'dist') + path.sep);
  }
  tf.env().set('PROD', true);
  return tf;
}

/** Makes a TF.js peer running on `backend` ('cpu' or 'wasm'). */
export async function tfjsPeer(backend: 'cpu' | 'wasm'): Promise<Peer> {
  const tf = await loadTf(backend);
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`TF.js backend '${backend}' failed to initialise`);
  await tf.ready();
  const use = (): void => {
    if (tf.getBackend() !== backend) throw new Error(`TF.js: expected backend ${backend}`);
  };
  const f = (x: any, y: any): any => tf.div(tf.sub(tf.sin(tf.mul(4, x)), tf.cos(tf.mul(5, y))), 5);
  const mkOpt = (kind: OptimizerKind): any =>
    kind === 'sgd' ? tf.train.sgd(LR) : kind === 'rmsprop' ? tf.train.rmsprop(LR) : tf.train.adam(LR);

  const stepper = (kind: OptimizerKind, tidy: boolean): Stepper => {
    use();
    const x = tf.variable(tf.scalar(START[0])),
      y = tf.variable(tf.scalar(START[1]));
    const opt = mkOpt(kind);
    const loss = (): any => f(x, y);
    return {
      step: tidy
        ? () => {
            tf.tidy(() => {
              opt.minimize(loss, false, [x, y]);
            });
          }
        : () => {
            opt.minimize(loss, false, [x, y]);
          },
      state: () => [x.dataSync()[0], y.dataSync()[0]],
    };
  };

  return {
    name: `TF.js ${backend.toUpperCase()}`,
    dtype: 'float32',
    w1() {
      use();
      const x = tf.tensor1d(Float32Array.from(w1X()));
      const vg = tf.valueAndGrad((t: any) => tf.add(tf.square(t), 1));
      // the results leave tidy, as a user's would, and are disposed after use: kept, they pile up in TF.js's
      // registry (about 50,000 live tensors after a second) and slowed its W1 from about 33 to 41-50 µs
      return () => {
        const out = tf.tidy(() => {
          const { value, grad } = vg(x);
          return [value, grad];
        });
        tf.dispose(out);
        return out;
      };
    },
    w2(n: number, dtype: FloatDType) {
      if (dtype !== 'float32') throw new Unsupported('n/a: TF.js has no float64');
      use();
      const x = tf.tensor1d(Float32Array.from(w2X(n)));
      const vg = tf.valueAndGrad((t: any) => tf.sum(tf.add(tf.mul(5, tf.sin(tf.mul(2, t))), tf.square(t))));
      return () => {
        tf.tidy(() => {
          const { value, grad } = vg(x);
          return [value, grad];
        });
      };
    },
    w3() {
      use();
      const [xs, ys] = w3XY();
      const x = tf.variable(tf.tensor1d(Float32Array.from(xs))),
        y = tf.variable(tf.tensor1d(Float32Array.from(ys)));
      const g = tf.grads((a: any, b: any) => f(a, b));
      return () => {
        tf.tidy(() => g([x, y]));
      };
    },
    optimizer: (kind) => stepper(kind, true),
    w6() {
      use();
      const [X, W] = w6XW();
      const tx = tf.tensor2d(X, [MATMUL_N, MATMUL_N]),
        tw = tf.tensor2d(W, [MATMUL_N, MATMUL_N]);
      const vg = tf.valueAndGrad((w: any) => tf.sum(tf.tanh(tf.matMul(tx, w))));
      return () => {
        tf.tidy(() => {
          const { grad } = vg(tw);
          grad.dataSync();
        });
      };
    },
    newcomer: () => stepper('sgd', false),
  };
}
