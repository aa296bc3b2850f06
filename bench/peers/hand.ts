/**
 * @file The hand-written typed-array loops: one fused pass computing value and gradient, standing for the
 * practical limit of plain JavaScript on this machine (outputs are allocated per call, as a library must).
 */
import {
  type Peer,
  type FloatDType,
  type OptimizerKind,
  type Stepper,
  LR,
  START,
  MATMUL_N,
  w1X,
  w2X,
  w3XY,
  w6XW,
} from '../workloads.js';

/**
 * W2 as one fused pass. Two separate loops (not one taking either array type), so each stays monomorphic:
 * V8 shares type feedback between closures of one function, and a mixed one runs markedly slower.
 */
function w2(n: number, dtype: FloatDType): () => unknown {
  const src = w2X(n);
  if (dtype === 'float32') {
    const x = Float32Array.from(src);
    return () => {
      const g = new Float32Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i],
          t = 2 * v;
        s += 5 * Math.sin(t) + v * v;
        g[i] = 10 * Math.cos(t) + 2 * v;
      }
      return [s, g];
    };
  }
  const x = src;
  return () => {
    const g = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i],
        t = 2 * v;
      s += 5 * Math.sin(t) + v * v;
      g[i] = 10 * Math.cos(t) + 2 * v;
    }
    return [s, g];
  };
}

/** Keras update rules for the three optimizers on the scalar f(x, y) = (sin 4x − cos 5y)/5. */
function optimizer(kind: OptimizerKind): Stepper {
  let x = START[0],
    y = START[1];
  let mx = 0,
    my = 0,
    vx = 0,
    vy = 0,
    t = 0;
  const rho = 0.9,
    b1 = 0.9,
    b2 = 0.999,
    eps = 1e-7;
  return {
    step() {
      const gx = 0.8 * Math.cos(4 * x),
        gy = Math.sin(5 * y);
      if (kind === 'sgd') {
        x -= LR * gx;
        y -= LR * gy;
        return;
      }
      if (kind === 'rmsprop') {
        vx = rho * vx + (1 - rho) * gx * gx;
        vy = rho * vy + (1 - rho) * gy * gy;
        x -= (LR * gx) / (Math.sqrt(vx) + eps);
        y -= (LR * gy) / (Math.sqrt(vy) + eps);
        return;
      }
      t++;
      mx += (gx - mx) * (1 - b1);
      my += (gy - my) * (1 - b1);
      vx += (gx * gx - vx) * (1 - b2);
      vy += (gy * gy - vy) * (1 - b2);
      const a = (LR * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      x -= (a * mx) / (Math.sqrt(vx) + eps);
      y -= (a * my) / (Math.sqrt(vy) + eps);
    },
    state: () => [x, y],
  };
}

/** Z = X·W (blocked i-k-j), T = tanh Z, G = 1 − T², dW = Xᵀ·G; all float32 storage, float64 math. */
function w6(): () => unknown {
  const n = MATMUL_N;
  const [X, W] = w6XW();
  const gemm = (A: Float32Array, transA: boolean, B: Float32Array, C: Float32Array): void => {
    const acc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      acc.fill(0);
      for (let p = 0; p < n; p++) {
        const a = transA ? A[p * n + i] : A[i * n + p];
        const bo = p * n;
        for (let j = 0; j < n; j++) acc[j] += a * B[bo + j];
      }
      C.set(acc, i * n);
    }
  };
  return () => {
    const Z = new Float32Array(n * n),
      G = new Float32Array(n * n),
      dW = new Float32Array(n * n);
    gemm(X, false, W, Z);
    let s = 0;
    for (let i = 0; i < n * n; i++) {
      const t = Math.tanh(Z[i]);
      s += t;
      G[i] = 1 - t * t;
    }
    gemm(X, true, G, dW);
    return [s, dW];
  };
}

export const handPeer: Peer = {
  name: 'hand loop',
  dtype: 'float64',
  hand: true,
  w1() {
    const x = w1X();
    return () => {
      const y = new Float64Array(100),
        g = new Float64Array(100);
      for (let i = 0; i < 100; i++) {
        const v = x[i];
        y[i] = v * v + 1;
        g[i] = 2 * v;
      }
      return [y, g];
    };
  },
  w2,
  w3() {
    const [x, y] = w3XY();
    return () => {
      const n = x.length,
        f = new Float64Array(n),
        gx = new Float64Array(n),
        gy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const a = 4 * x[i],
          b = 5 * y[i];
        f[i] = (Math.sin(a) - Math.cos(b)) / 5;
        gx[i] = 0.8 * Math.cos(a);
        gy[i] = Math.sin(b);
      }
      return [f, gx, gy];
    };
  },
  optimizer,
  w6,
  newcomer: () => optimizer('sgd'),
};
