/**
 * @file Every optimizer against (a) the worked values of KERAS_OPTIMIZERS.md and (b) an independent plain-number
 * replica of its Keras update rule, written here from the formulas (not by calling the implementation), over
 * several steps of a 2-element variable whose gradient is known analytically. float64 to 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { Variable, add, mul, sin, square, sum, tensor } from '../index.js';
import {
  SGD,
  RMSprop,
  Adam,
  AdamW,
  Adagrad,
  Adadelta,
  Adamax,
  Nadam,
  Ftrl,
  Lion,
  Lamb,
  Adafactor,
  type Optimizer,
} from './index.js';

/** f(w) = w₀² + sin(w₀) + 3·w₁², ∇f = [2w₀ + cos w₀, 6w₁]. */
const lossFn = (w: Variable) => () => add(sum(mul(tensor([1, 3]), square(w))), sum(mul(tensor([1, 0]), sin(w))));
const gradOf = (w: number[]) => [2 * w[0]! + Math.cos(w[0]!), 6 * w[1]!];

/** A Keras rule written out in plain numbers: mutates w given g at 1-based step t. */
type Rule = (w: number[], g: number[], t: number) => void;

function replay(rule: Rule, w0: number[], steps: number): number[][] {
  const w = [...w0];
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    rule(w, gradOf(w), t);
    out.push([...w]);
  }
  return out;
}

function runOpt(opt: Optimizer, w0: number[], steps: number): number[][] {
  const w = new Variable(w0, { name: 'w' });
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    opt.minimize(lossFn(w), [w]);
    out.push(Array.from(w.value().data()));
  }
  return out;
}

function expectClose(got: number[][], want: number[][], rtol = 1e-12) {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) =>
    row.forEach((v, j) => {
      const ref = want[i]![j]!;
      expect(Math.abs(v - ref), `step ${i + 1}, w[${j}]: ${v} vs ${ref}`).toBeLessThanOrEqual(
        rtol * Math.max(Math.abs(ref), 1e-300),
      );
    }),
  );
}

/** Per-element state for the replicas. */
const zeros = () => [0, 0];

const rules: Record<string, { make: () => Optimizer; rule: () => Rule }> = {
  'SGD(0.1)': {
    make: () => new SGD({ learningRate: 0.1 }),
    rule: () => (w, g) => w.forEach((_v, i) => (w[i]! -= 0.1 * g[i]!)),
  },
  'SGD(0.05, momentum 0.8)': {
    make: () => new SGD({ learningRate: 0.05, momentum: 0.8 }),
    rule: () => {
      const v = zeros();
      return (w, g) =>
        w.forEach((_x, i) => {
          v[i] = 0.8 * v[i]! - 0.05 * g[i]!;
          w[i]! += v[i]!;
        });
    },
  },
  'SGD(0.05, nesterov 0.8)': {
    make: () => new SGD({ learningRate: 0.05, momentum: 0.8, nesterov: true }),
    rule: () => {
      const v = zeros();
      return (w, g) =>
        w.forEach((_x, i) => {
          v[i] = 0.8 * v[i]! - 0.05 * g[i]!;
          w[i]! += 0.8 * v[i]! - 0.05 * g[i]!;
        });
    },
  },
  'RMSprop(0.01, momentum 0.5, centered)': {
    make: () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }),
    rule: () => {
      const [s, a, m] = [zeros(), zeros(), zeros()];
      return (w, g) =>
        w.forEach((_x, i) => {
          s[i] = 0.9 * s[i]! + 0.1 * g[i]! ** 2;
          a[i] = 0.9 * a[i]! + 0.1 * g[i]!;
          m[i] = 0.5 * m[i]! + (0.01 * g[i]!) / Math.sqrt(s[i]! - a[i]! ** 2 + 1e-7);
          w[i]! -= m[i]!;
        });
    },
  },
  'Adam(0.02, amsgrad)': {
    make: () => new Adam({ learningRate: 0.02, amsgrad: true }),
    rule: () => {
      const [m, v, vh] = [zeros(), zeros(), zeros()];
      return (w, g, t) =>
        w.forEach((_x, i) => {
          const alpha = (0.02 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
          m[i] = m[i]! + (g[i]! - m[i]!) * (1 - 0.9);
          v[i] = v[i]! + (g[i]! ** 2 - v[i]!) * (1 - 0.999);
          vh[i] = Math.max(vh[i]!, v[i]!);
          w[i]! -= (alpha * m[i]!) / (Math.sqrt(vh[i]!) + 1e-7);
        });
    },
  },
  'AdamW(0.02, wd 0.1)': {
    make: () => new AdamW({ learningRate: 0.02, weightDecay: 0.1 }),
    rule: () => {
      const [m, v] = [zeros(), zeros()];
      return (w, g, t) =>
        w.forEach((_x, i) => {
          w[i]! -= w[i]! * 0.1 * 0.02;
          const alpha = (0.02 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
          m[i] = m[i]! + (g[i]! - m[i]!) * 0.1;
          v[i] = v[i]! + (g[i]! ** 2 - v[i]!) * (1 - 0.999);
          w[i]! -= (alpha * m[i]!) / (Math.sqrt(v[i]!) + 1e-7);
        });
    },
  },
  'Adagrad(0.1)': {
    make: () => new Adagrad({ learningRate: 0.1 }),
    rule: () => {
      const acc = [0.1, 0.1];
      return (w, g) =>
        w.forEach((_x, i) => {
          acc[i]! += g[i]! ** 2;
          w[i]! -= (0.1 * g[i]!) / Math.sqrt(acc[i]! + 1e-7);
        });
    },
  },
  'Adadelta(1.0)': {
    make: () => new Adadelta({ learningRate: 1 }),
    rule: () => {
      const [eg, ed] = [zeros(), zeros()];
      return (w, g) =>
        w.forEach((_x, i) => {
          eg[i] = 0.95 * eg[i]! + 0.05 * g[i]! ** 2;
          const delta = (-Math.sqrt(ed[i]! + 1e-7) * g[i]!) / Math.sqrt(eg[i]! + 1e-7);
          ed[i] = 0.95 * ed[i]! + 0.05 * delta ** 2;
          w[i]! += delta;
        });
    },
  },
  'Adamax(0.05)': {
    make: () => new Adamax({ learningRate: 0.05 }),
    rule: () => {
      const [m, u] = [zeros(), zeros()];
      return (w, g, t) =>
        w.forEach((_x, i) => {
          m[i] = m[i]! + (g[i]! - m[i]!) * 0.1;
          u[i] = Math.max(0.999 * u[i]!, Math.abs(g[i]!));
          w[i]! -= (0.05 * m[i]!) / ((1 - 0.9 ** t) * (u[i]! + 1e-7));
        });
    },
  },
  'Nadam(0.05)': {
    make: () => new Nadam({ learningRate: 0.05 }),
    rule: () => {
      const [m, v] = [zeros(), zeros()];
      let prod = 1;
      const mu = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** t);
      return (w, g, t) => {
        prod *= mu(t);
        w.forEach((_x, i) => {
          m[i] = m[i]! + (g[i]! - m[i]!) * (1 - 0.9);
          v[i] = v[i]! + (g[i]! ** 2 - v[i]!) * (1 - 0.999);
          const mHat = (mu(t + 1) * m[i]!) / (1 - prod * mu(t + 1)) + ((1 - mu(t)) * g[i]!) / (1 - prod);
          const vHat = v[i]! / (1 - 0.999 ** t);
          w[i]! -= (0.05 * mHat) / (Math.sqrt(vHat) + 1e-7);
        });
      };
    },
  },
  'Lion(0.01)': {
    make: () => new Lion({ learningRate: 0.01 }),
    rule: () => {
      const m = zeros();
      return (w, g) =>
        w.forEach((_x, i) => {
          w[i]! -= 0.01 * Math.sign(0.9 * m[i]! + 0.1 * g[i]!);
          m[i] = 0.99 * m[i]! + 0.01 * g[i]!;
        });
    },
  },
  'Lamb(0.05)': {
    make: () => new Lamb({ learningRate: 0.05 }),
    rule: () => {
      const [m, v] = [zeros(), zeros()];
      return (w, g, t) => {
        const r = w.map((_x, i) => {
          m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
          v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
          return m[i]! / (1 - 0.9 ** t) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-7);
        });
        const ratio = Math.hypot(...w) / Math.hypot(...r);
        w.forEach((_x, i) => (w[i]! -= 0.05 * ratio * r[i]!));
      };
    },
  },
  'Ftrl(0.5, l1 0.05, l2 0.1, shrinkage 0.02, beta 0.3)': {
    make: () =>
      new Ftrl({
        learningRate: 0.5,
        l1RegularizationStrength: 0.05,
        l2RegularizationStrength: 0.1,
        l2ShrinkageRegularizationStrength: 0.02,
        beta: 0.3,
      }),
    rule: () => {
      // FTRL-Proximal as in the Keras docstring, with Keras's code constants (2·λ₂, shrinkage added to g for z).
      const [n, z] = [[0.1, 0.1], zeros()];
      return (w, g) =>
        w.forEach((_x, i) => {
          const prev = n[i]!;
          n[i] = prev + g[i]! ** 2;
          const sigma = (Math.sqrt(n[i]!) - Math.sqrt(prev)) / 0.5;
          z[i] = z[i]! + g[i]! + 2 * 0.02 * w[i]! - sigma * w[i]!;
          w[i] =
            Math.abs(z[i]!) <= 0.05
              ? 0
              : (Math.sign(z[i]!) * 0.05 - z[i]!) / ((0.3 + Math.sqrt(n[i]!)) / 0.5 + 2 * 0.1);
        });
    },
  },
};

describe('optimizers against plain-number replicas of the Keras rules (float64, 1e-12)', () => {
  for (const [label, { make, rule }] of Object.entries(rules)) {
    it(label, () => {
      const w0 = [0.7, -1.3];
      const got = runOpt(make(), w0, 5);
      expectClose(got, replay(rule(), w0, 5));
      // The replica moved: a frozen optimizer could not pass by accident.
      expect(got[4]).not.toEqual(w0);
    });
  }
});

describe('Adafactor on a matrix (factored second moment) against a plain replica, float64', () => {
  it('4 steps of fixed gradients on a 2×3 variable', () => {
    const grads = [
      [
        [0.5, -0.25, 1],
        [2, -1.5, 0.125],
      ],
      [
        [-0.75, 0.5, 0],
        [1, 1, -2],
      ],
      [
        [0.25, 0.25, -0.5],
        [-0.125, 3, 0.5],
      ],
      [
        [1.5, -1, 0.75],
        [0, -0.5, 1],
      ],
    ];
    const W = [
      [0.3, -0.2, 0.9],
      [-1.1, 0.6, 0.05],
    ];
    const w = new Variable(W);
    const opt = new Adafactor({ learningRate: 0.05, relativeStep: false, clipThreshold: 0.5 });
    const rmsOf = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
    let [row, col] = [
      [0, 0],
      [0, 0, 0],
    ];
    const ref = W.map((r) => [...r]);
    grads.forEach((G, k) => {
      opt.applyGradients([[tensor(G), w]]);
      const t = k + 1;
      const rho = Math.min(0.05, 1 / Math.sqrt(t));
      const alpha = Math.max(1e-3, rmsOf(ref.flat())) * rho;
      const beta = 1 - t ** -0.8;
      const sq = G.map((r) => r.map((g) => g * g + 1e-30));
      row = row.map((x, i) => beta * x + ((1 - beta) * (sq[i]![0]! + sq[i]![1]! + sq[i]![2]!)) / 3);
      col = col.map((x, j) => beta * x + ((1 - beta) * (sq[0]![j]! + sq[1]![j]!)) / 2);
      const rowMean = (row[0]! + row[1]!) / 2;
      const u = G.map((r, i) => r.map((g, j) => g / Math.sqrt((row[i]! / rowMean) * col[j]!)));
      const denom = Math.max(1, rmsOf(u.flat()) / 0.5);
      ref.forEach((r, i) => r.forEach((_x, j) => (r[j]! -= (alpha * u[i]![j]!) / denom)));
      expectClose([Array.from(w.value().data())], [ref.flat()]);
    });
    expect(opt.getSlot(w, 'row')!.shape).toEqual([2]);
    expect(opt.getSlot(w, 'column')!.shape).toEqual([3]);
  });
});

describe('worked values of KERAS_OPTIMIZERS.md (loss x², x₀ = 1, 3 steps)', () => {
  const three = (opt: Optimizer, dtype: 'float64' | 'float32' = 'float64') => {
    const x = new Variable(1, { dtype });
    return [0, 1, 2].map(() => (opt.minimize(() => square(x), [x]), x.value().item()));
  };
  const cases: [string, () => Optimizer, number[]][] = [
    ['SGD(0.1, momentum .9)', () => new SGD({ learningRate: 0.1, momentum: 0.9 }), [0.8, 0.46, 0.062]],
    ['SGD nesterov', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), [0.62, 0.2224, -0.108352]],
    ['RMSprop(0.1)', () => new RMSprop({ learningRate: 0.1 }), [0.683772, 0.498871, 0.369181]],
    [
      'RMSprop(0.1, centered)',
      () => new RMSprop({ learningRate: 0.1, centered: true }),
      [0.666667, 0.465568, 0.323569],
    ],
    ['Adam(0.1)', () => new Adam({ learningRate: 0.1 }), [0.9, 0.800413, 0.701587]],
  ];
  it.each(cases)('%s', (_l, make, want) => {
    three(make()).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });
  it('Adam(0.1) on float32 gives the float32 digits and stays float32', () => {
    const got = three(new Adam({ learningRate: 0.1 }), 'float32');
    [0.900001, 0.800414, 0.701589].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    for (const v of got) expect(Math.fround(v)).toBe(v);
  });
  it('Keras docstring: RMSprop(0.1), w = 10, loss w²/2 → 9.683772', () => {
    const w = new Variable(10);
    new RMSprop({ learningRate: 0.1 }).minimize(() => mul(square(w), 0.5), [w]);
    expect(w.value().item()).toBeCloseTo(9.683772, 6);
  });
});

describe('float32 variables keep float32 slots and results', () => {
  const makers = Object.values(rules).map((r) => r.make);
  it.each(makers.map((m) => [m().name, m] as const))('%s', (_n, make) => {
    const opt = make();
    const w = new Variable([0.7, -1.3], { dtype: 'float32', name: 'w32' });
    for (let i = 0; i < 3; i++) opt.minimize(lossFn(w), [w]);
    expect(w.dtype).toBe('float32');
    expect(w.value().dtype).toBe('float32');
    const slotNames = (opt as unknown as { slotSpecs(): { name: string }[] }).slotSpecs().map((s) => s.name);
    for (const s of slotNames) expect(opt.getSlot(w, s)!.dtype).toBe('float32');
    // Same path as the float64 run to float32 precision (the exact float32 digits are checked on Adam above).
    const w64 = new Variable([0.7, -1.3]);
    const opt64 = make();
    for (let i = 0; i < 3; i++) opt64.minimize(lossFn(w64), [w64]);
    const a = Array.from(w.value().data());
    const b = Array.from(w64.value().data());
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(b[i]!))));
  });
});
