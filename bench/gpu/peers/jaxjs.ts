/**
 * @file jax-js's WebGPU device (`jax.init('webgpu')`, then `jax.defaultDevice('webgpu')`) in Node, on the
 * `navigator.gpu` that navigator.ts provides; jax-js needs nothing else from a browser but `navigator.userAgent`.
 * Every workload runs under `jax.jit` (its eager mode dispatches op by op), with its ownership rules (`.ref` before
 * every reuse). jax-js is lazy: `jax.blockUntilReady` dispatches the pending work and waits for it, and the value
 * and the gradient's last element are then read back, as for the other peers. It ships no optimizers, so G8's SGD
 * step is written out, as the CPU bench does for W4.
 */
import { provideNavigatorGpu } from '../navigator.js';
import { type GpuPeer, type GpuWork, LR, g2X, g2LastGrad, g6XW, g8XY, mismatch } from '../workloads.js';

export async function jaxGpuPeer(): Promise<GpuPeer> {
  const nav = await provideNavigatorGpu();
  const jax = await import('@jax-js/jax');
  const ready = await jax.init('webgpu' as any);
  if (!ready.includes('webgpu' as any))
    throw new Error(`jax.init('webgpu') gave no WebGPU device (devices: ${ready.join(', ')})`);
  jax.defaultDevice('webgpu' as any);
  const np = jax.numpy as any;
  let out: any[] = [];
  const keep = (o: any[]): void => {
    for (const a of out) a.dispose();
    out = o;
  };
  /** Waits for [value, gradient], reads the value and returns the gradient's last element. */
  const read = async (): Promise<number> => {
    await jax.blockUntilReady(out);
    await out[0].ref.data();
    return (await out[1].ref.reshape([-1]).slice(-1).data())[0];
  };

  return {
    name: 'jax-js WebGPU jit',
    adapter: nav.adapterName,
    g2(n) {
      const x = np.array(g2X(n));
      const vg = jax.jit(jax.valueAndGrad((t: any) => np.sum(np.sin(t.ref.mul(2)).mul(5).add(np.square(t)))) as any);
      const step = (): void => keep(vg(x.ref));
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
      const tx = np.array(X).reshape([n, n]),
        tw = np.array(W).reshape([n, n]);
      const vg = jax.jit(jax.valueAndGrad((w: any, xx: any) => np.sum(np.tanh(np.matmul(xx, w)))) as any);
      return {
        syncEach: true,
        step: () => keep(vg(tw.ref, tx.ref)),
        sync: async () => {
          await read();
        },
      };
    },
    g8(n) {
      const [xs, ys] = g8XY(n);
      const f = (a: any, b: any): any =>
        np.sum(
          np
            .sin(a.mul(4))
            .sub(np.cos(b.mul(5)))
            .div(5),
        );
      const g = jax.grad(f, { argnums: [0, 1] } as any) as any;
      const step = jax.jit((a: any, b: any) => {
        const [ga, gb] = g(a.ref, b.ref);
        return [a.sub(ga.mul(LR)), b.sub(gb.mul(LR))];
      }) as any;
      let st = [np.array(xs).reshape([n, n]), np.array(ys).reshape([n, n])];
      return {
        syncEach: false,
        step: () => {
          st = step(st[0], st[1]);
        },
        sync: async () => {
          await jax.blockUntilReady(st);
          await st[1].ref.reshape([-1]).slice(0).data();
        },
      };
    },
  };
}
