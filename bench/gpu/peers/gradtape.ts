/**
 * @file gradtape on its WebGPU backend, through the public API only: `await setBackend('webgpu')`, the ops,
 * `valueAndGrad`, `jit`, `SGD`, and `await t.data()` to read results back. Eager, or every workload under `jit`.
 */
import * as gt from '../../../src/index.js';
import { findAdapter } from '../navigator.js';
import { type GpuPeer, type GpuWork, LR, g2X, g2LastGrad, g6XW, g8XY, mismatch } from '../workloads.js';

type Tensor = gt.Tensor;

/**
 * Rejects with `setBackend`'s reason when gradtape has no WebGPU here (the table then says "skipped: …").
 * `GRADTAPE_BENCH_GPU_BACKEND=async-cpu` runs these rows on the tests' CPU backend without synchronous reads
 * instead: a check of this file's code paths on a machine without a working WebGPU backend, not a measurement.
 */
export async function gradtapeGpuPeer(compiled: boolean): Promise<GpuPeer> {
  const backend = process.env.GRADTAPE_BENCH_GPU_BACKEND ?? 'webgpu';
  if (backend === 'async-cpu') await import('../../../test/helpers/async-cpu.js');
  await gt.setBackend(backend);
  const { tensor, reshape, slice, add, sub, mul, div, sin, cos, square, sum, tanh, matmul, valueAndGrad, grad, jit } =
    gt;
  const wrap = <F extends (...a: any[]) => any>(fn: F): F => (compiled ? (jit(fn) as unknown as F) : fn);
  // not in the API yet: read by name, so that this file builds before and after it exists; else the adapter on the
  // route gradtape tries first (an adapter only, no device: nothing to keep alive)
  const describe = Reflect.get(gt, 'describeBackend') as (() => string) | undefined;
  const adapter =
    backend !== 'webgpu'
      ? `backend '${backend}' (a code-path check, not a GPU)`
      : (describe?.() ?? (await findAdapter()).found.adapterName);
  /** Awaits the scalar value and the gradient's last element (a read that needs the whole gradient computed). */
  const readBoth = async (v: Tensor, g: Tensor): Promise<number> => {
    await v.data();
    return (await slice(reshape(g, [-1]), [g.size - 1], [1]).data())[0];
  };
  // Variables are accepted wherever a tensor is (the CPU bench's W4 writes its loss the same way)
  const f8 = (x: unknown, y: unknown): Tensor => sum(div(sub(sin(mul(4, x as Tensor)), cos(mul(5, y as Tensor))), 5));

  return {
    name: compiled ? 'gradtape WebGPU jit' : 'gradtape WebGPU eager',
    ours: true,
    adapter,
    g2(n) {
      const x = tensor(g2X(n), { dtype: 'float32' });
      const vg = wrap(valueAndGrad((t: Tensor) => sum(add(mul(5, sin(mul(2, t))), square(t)))));
      let out: [Tensor, Tensor] = vg(x);
      return {
        syncEach: true,
        step: () => {
          out = vg(x);
        },
        sync: async () => {
          await readBoth(out[0], out[1]);
        },
        check: async () => mismatch('gradient at x = 5', await readBoth(out[0], out[1]), g2LastGrad()),
      } satisfies GpuWork;
    },
    g6(n) {
      const [X, W] = g6XW(n);
      const tx = reshape(tensor(X, { dtype: 'float32' }), [n, n]),
        tw = reshape(tensor(W, { dtype: 'float32' }), [n, n]);
      const vg = wrap(valueAndGrad((w: Tensor, xx: Tensor) => sum(tanh(matmul(xx, w)))));
      let out: [Tensor, Tensor] = vg(tw, tx);
      return {
        syncEach: true,
        step: () => {
          out = vg(tw, tx);
        },
        sync: async () => {
          await readBoth(out[0], out[1]);
        },
      };
    },
    g8(n) {
      const [xs, ys] = g8XY(n);
      const x0 = reshape(tensor(xs, { dtype: 'float32' }), [n, n]),
        y0 = reshape(tensor(ys, { dtype: 'float32' }), [n, n]);
      if (compiled) {
        // the whole step as one pure function of the state, as the CPU bench's W4 jit
        const g = grad(f8, { argnums: [0, 1] });
        const step = jit((a: Tensor, b: Tensor) => {
          const [ga, gb] = g(a, b);
          return [sub(a, mul(LR, ga)), sub(b, mul(LR, gb))];
        });
        let st = [x0, y0];
        return {
          syncEach: false,
          step: () => {
            st = step(st[0], st[1]);
          },
          sync: async () => {
            await slice(reshape(st[1], [-1]), [0], [1]).data();
          },
        };
      }
      const x = new gt.Variable(x0, { name: 'X' }),
        y = new gt.Variable(y0, { name: 'Y' });
      const opt = new gt.SGD({ learningRate: LR });
      return {
        syncEach: false,
        step: () => {
          opt.minimize(() => f8(x, y), [x, y]);
        },
        sync: async () => {
          await slice(reshape(y.value(), [-1]), [0], [1]).data();
        },
      };
    },
  };
}
