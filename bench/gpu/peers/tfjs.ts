/**
 * @file TensorFlow.js's WebGPU backend (@tensorflow/tfjs-backend-webgpu 4.22, the version of our tfjs-core) in
 * Node, on the `navigator.gpu` that navigator.ts provides. Written as a TF.js user would: `tf.valueAndGrad`,
 * `tf.train.sgd(…).minimize`, `tf.tidy` around each iteration, results read with `await t.data()`.
 */
import { provideNavigatorGpu } from '../navigator.js';
import { type GpuPeer, type GpuWork, LR, g2X, g2LastGrad, g6XW, g8XY, mismatch } from '../workloads.js';

export async function tfjsGpuPeer(): Promise<GpuPeer> {
  const nav = await provideNavigatorGpu();
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
  // setBackend answers false (the reason only goes to the console) when the backend fails to start
  if (!(await tf.setBackend('webgpu'))) throw new Error("tf.setBackend('webgpu') failed (see the message above)");
  await tf.ready();
  type T = import('@tensorflow/tfjs-core').Tensor;
  /** The scalar value and the gradient's last element; kept out of the timed tidy so they can be read. */
  let kept: T[] = [];
  const keep = (v: T, g: T): void => {
    for (const t of kept) t.dispose();
    kept = [v, tf.tidy(() => tf.slice(tf.reshape(g, [-1]), [g.size - 1], [1]))];
  };
  const read = async (): Promise<number> => {
    await kept[0].data();
    return (await kept[1].data())[0];
  };

  return {
    name: 'TF.js WebGPU',
    adapter: nav.adapterName,
    g2(n) {
      const x = tf.tensor1d(g2X(n));
      const vg = tf.valueAndGrad((t: T) => tf.sum(tf.add(tf.mul(5, tf.sin(tf.mul(2, t))), tf.square(t))));
      const step = (): void => {
        const [v, g] = tf.tidy(() => {
          const { value, grad } = vg(x);
          return [value, grad];
        });
        keep(v, g);
        g.dispose();
      };
      step();
      return {
        syncEach: true,
        step,
        sync: async () => {
          await read();
        },
        check: async () => mismatch('gradient at x = 5', await read(), g2LastGrad()),
      } satisfies GpuWork;
    },
    g6(n) {
      const [X, W] = g6XW(n);
      const tx = tf.tensor2d(X, [n, n]),
        tw = tf.tensor2d(W, [n, n]);
      const vg = tf.valueAndGrad((w: T) => tf.sum(tf.tanh(tf.matMul(tx, w))));
      return {
        syncEach: true,
        step: () => {
          const [v, g] = tf.tidy(() => {
            const { value, grad } = vg(tw);
            return [value, grad];
          });
          keep(v, g);
          g.dispose();
        },
        sync: async () => {
          await read();
        },
      };
    },
    g8(n) {
      const [xs, ys] = g8XY(n);
      const x = tf.variable(tf.tensor2d(xs, [n, n])),
        y = tf.variable(tf.tensor2d(ys, [n, n]));
      const opt = tf.train.sgd(LR);
      const loss = (): import('@tensorflow/tfjs-core').Scalar =>
        tf.sum(tf.div(tf.sub(tf.sin(tf.mul(4, x)), tf.cos(tf.mul(5, y))), 5));
      return {
        syncEach: false,
        step: () => {
          tf.tidy(() => {
            opt.minimize(loss, false, [x, y]);
          });
        },
        sync: async () => {
          const last = tf.tidy(() => tf.slice(tf.reshape(y, [-1]), [0], [1]));
          await last.data();
          last.dispose();
        },
      };
    },
  };
}
