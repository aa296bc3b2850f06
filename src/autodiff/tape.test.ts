/** @file GradientTape semantics (tf.GradientTape's contract) and the errors that explain misuse. */
import { describe, it, expect, vi, afterEach } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, GradientTape, Variable, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recording and watching', () => {
  it("watch + record returns fn's value; gradient of x²+1 is 2x", () => {
    const x = tensor([1, 2, 3]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.add(g.square(x), 1);
    });
    expectAllClose(y, [2, 5, 10]);
    expectAllClose(tape.gradient(y, x), [2, 4, 6]);
  });
  it('record can be re-entered to record more ops (like re-entering `with tape:`)', () => {
    const x = scalar(3);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, x);
    });
    const z = tape.record(() => g.mul(y, x));
    expectAllClose(tape.gradient(z, x), 27);
  });
  it('an async fn is an error that says why (the tape records synchronously), not a Promise and a null gradient', async () => {
    const x = new Variable(3);
    const tape = new GradientTape();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let rejected = false;
    expect(() =>
      tape.record(async () => {
        await Promise.resolve();
        return g.mul(x, x);
      }),
    ).toThrow(
      /^GradientTape\.record: fn returned a Promise \(an async function\?\)\. The tape records only while fn runs synchronously.*await outside record/,
    );
    // a thenable that rejects later is not reported as an unhandled rejection on top of the error
    expect(() =>
      tape.record(() => ({
        // biome-ignore lint/suspicious/noThenProperty: a hand-made thenable is the point of this test
        then: (_ok: unknown, fail: (e: unknown) => void) => {
          rejected = true;
          fail(new Error('late'));
        },
      })),
    ).toThrow(/fn returned a Promise/);
    expect(rejected).toBe(true);
    // the tape is still usable, and recording outside the await gives the gradient
    const y = tape.record(() => g.mul(x, x));
    expectAllClose(tape.gradient(y, x), 6);
    expect(warn).not.toHaveBeenCalled();
  });
  it('ops outside record() are not recorded', () => {
    const x = scalar(3);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 2);
    });
    const z = g.mul(y, y);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(tape.gradient(z, x)).toBeNull();
  });
  it('trainable Variables are watched automatically; non-trainable ones and constants are not', () => {
    const v = new Variable(2, { name: 'v' }),
      c = new Variable(3, { name: 'c', trainable: false });
    const tape = new GradientTape();
    const y = tape.record(() => g.mul(g.square(v), c));
    expect(tape.watchedVariables()).toEqual([v]);
    expect([tape.isWatching(v), tape.isWatching(c), new GradientTape().isWatching(v)]).toEqual([true, false, false]);
    const [dv, dc] = tape.gradient(y, [v, c]);
    expectAllClose(dv, 12);
    expect(dc).toBeNull();
  });
  it('watchAccessedVariables: false watches only what is watched explicitly', () => {
    const a = new Variable(2, { name: 'a' }),
      b = new Variable(5, { name: 'b' });
    const tape = new GradientTape({ watchAccessedVariables: false });
    const y = tape.record(() => {
      tape.watch(a);
      return g.mul(a, b);
    });
    expect(tape.watchedVariables()).toEqual([a]);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [da, db] = tape.gradient(y, [a, b]);
    expectAllClose(da, 5);
    expect(db).toBeNull();
  });
  it('a Variable assigned inside the recording: gradient goes to the value that was read', () => {
    const v = new Variable(1);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      const a = g.mul(v, 3);
      v.assign(10);
      return g.add(a, g.mul(v, v));
    });
    expectAllClose(y, 103);
    expectAllClose(tape.gradient(y, v), 3 + 20);
  });
  it('watching an int or bool tensor throws and says why', () => {
    const tape = new GradientTape();
    expect(() => tape.watch(tensor([1, 2], { dtype: 'int32' }))).toThrow(/int32.*float/);
    expect(() => tape.watch(tensor([true]))).toThrow(/bool.*float/);
    expect(() => tape.watch({ a: 1 })).toThrow(/GradientTape.watch/);
  });
  it('watch accepts arrays and nested objects', () => {
    const a = scalar(1),
      b = scalar(2);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch([a, { b }]);
      return g.mul(a, b);
    });
    const r = tape.gradient(y, { a, inner: [b] });
    expectAllClose(r.a, 2);
    expectAllClose(r.inner[0], 1);
  });
});

describe('gradient()', () => {
  it('sources in any nesting of arrays/objects give the same structure', () => {
    const x = scalar(2),
      y = new Variable(3, { name: 'y' });
    const tape = new GradientTape();
    const z = tape.record(() => {
      tape.watch(x);
      return g.mul(g.square(x), y);
    });
    const r = tape.gradient(z, { p: [x, { q: y }], r: x });
    expectAllClose(r.p[0], 12);
    expectAllClose(r.p[1].q, 4);
    expectAllClose(r.r, 12);
  });
  it('non-scalar targets are summed; several targets are summed too', () => {
    const x = tensor([1, 2]);
    const tape = new GradientTape();
    const [a, b] = tape.record(() => {
      tape.watch(x);
      return [g.square(x), g.mul(x, 3)];
    });
    expectAllClose(tape.gradient([a, b], x), [5, 7]);
  });
  it('outputGradients weight the targets', () => {
    const x = tensor([1, 2]);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.square(x);
    });
    expectAllClose(tape.gradient(y, x, { outputGradients: tensor([10, 0]) }), [20, 0]);
    expect(() => tape.gradient(y, x, { outputGradients: tensor([1, 2, 3]) })).toThrow(/outputGradients.*\[3\].*\[2\]/);
  });
  it("unconnected sources give null, or zeros with unconnectedGradients: 'zero'", () => {
    const x = tensor([1, 2]),
      u = tensor([[5, 6, 7]]);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch([x, u]);
      return g.sum(g.square(x));
    });
    expect(tape.gradient(y, u)).toBeNull();
    const z = tape.gradient(y, [x, u], { unconnectedGradients: 'zero' });
    expectAllClose(z[1], [[0, 0, 0]]);
    expect(z[1].shape).toEqual([1, 3]);
  });
  it('a misspelt unconnectedGradients is an error, not a silent null', () => {
    const x = scalar(1);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 2);
    });
    expect(() => tape.gradient(y, x, { unconnectedGradients: 'zeros' as any })).toThrow(
      /gradient: unconnectedGradients must be 'none' or 'zero'; got "zeros"/,
    );
    expect(() => tape.jacobian(y, x, { unconnectedGradients: 'None' as any })).toThrow(
      /jacobian: unconnectedGradients/,
    );
  });
  it('the target itself as a source gives ones', () => {
    const x = tensor([1, 2]);
    const tape = new GradientTape();
    tape.record(() => tape.watch(x));
    expectAllClose(tape.gradient(x, x), [1, 1]);
  });
  it('a tensor the tape never saw: ones as its own target, null for another target (as TF)', () => {
    const x = tensor([1, 2]),
      w = tensor(3);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 2);
    });
    expectAllClose(tape.gradient(w, w), 1);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(tape.gradient(y, w)).toBeNull();
    expect(tape.gradient(y, [w, x]) as unknown[]).toHaveLength(2);
    expectAllClose((tape.gradient(y, [w, x]) as Tensor[])[1], [2, 2]);
  });
  it('a gradient equal to the default seed is a fresh tensor each time, never the shared seed', () => {
    const x = tensor([1, 2]);
    const grads: Tensor[] = [];
    for (let i = 0; i < 3; i++) {
      const tape = new GradientTape();
      const y = tape.record(() => {
        tape.watch(x);
        return g.add(x, 1);
      }); // add passes the seed through
      grads.push(tape.gradient(y, x)!);
    }
    const t2 = new GradientTape();
    t2.record(() => t2.watch(x));
    grads.push(t2.gradient(x, x)!);
    expect(new Set(grads).size).toBe(4);
    for (const d of grads) expectAllClose(d, [1, 1]);
    // a returned gradient watched on a later tape does not connect that tape's unrelated backward passes
    const outer = new GradientTape({ persistent: true });
    const z = outer.record(() => {
      outer.watch(grads[0]);
      const w = scalar(2);
      outer.watch(w);
      const inner = new GradientTape();
      const q = inner.record(() => {
        inner.watch(w);
        return g.mul(w, w);
      });
      return inner.gradient(q, w)!;
    });
    expect(outer.gradient(z, grads[0])).toBeNull();
  });
  it('gradients with respect to part of what was watched follow only that part', () => {
    const x = scalar(2),
      y = scalar(5);
    const tape = new GradientTape({ persistent: true });
    const z = tape.record(() => {
      tape.watch([x, y]);
      return g.add(g.mul(x, y), g.square(y));
    });
    expectAllClose(tape.gradient(z, x), 5);
    expectAllClose(tape.gradient(z, y), 12);
    const [dy, dx] = tape.gradient(z, [y, x]);
    expectAllClose(dy, 12);
    expectAllClose(dx, 5);
  });
  it('a second gradient() on a non-persistent tape says to pass persistent: true', () => {
    const x = scalar(1);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, x);
    });
    tape.gradient(y, x);
    expect(() => tape.gradient(y, x)).toThrow(/persistent: true/);
  });
  it('a persistent tape answers many gradient() calls', () => {
    const x = scalar(3);
    const tape = new GradientTape({ persistent: true });
    const [y, z] = tape.record(() => {
      tape.watch(x);
      const y = g.mul(x, x);
      return [y, g.mul(y, y)];
    });
    expectAllClose(tape.gradient(y, x), 6);
    expectAllClose(tape.gradient(z, x), 108);
    expectAllClose(tape.gradient(z, x), 108);
  });
  it('an unwatched tensor source warns that it "was never watched"', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = tensor([1, 2]);
    const tape = new GradientTape();
    const y = tape.record(() => g.square(x));
    expect(tape.gradient(y, x)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/was never watched.*tape\.watch\(x\).*Variable/);
  });
  it('a Variable that was not read while recording warns naming it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const v = new Variable(1, { name: 'weights' }),
      x = scalar(2);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 2);
    });
    expect(tape.gradient(y, v)).toBeNull();
    expect(String(warn.mock.calls[0][0])).toMatch(/weights/);
  });
  it('gradient with respect to an int/bool tensor or Variable throws and says why', () => {
    const i = tensor([1, 2], { dtype: 'int32' }),
      b = tensor([true]);
    const x = scalar(1);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 2);
    });
    expect(() => tape.gradient(y, i)).toThrow(/int32.*gradients exist only for float/);
    expect(() => tape.gradient(y, b)).toThrow(/bool/);
    expect(() => tape.gradient(y, new Variable(tensor([1], { dtype: 'int32' }), { name: 'steps' }))).toThrow(
      /steps.*float/,
    );
  });
  it('an int target and foreign sources throw', () => {
    const x = scalar(1);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.cast(x, 'int32');
    });
    expect(() => tape.gradient(y, x)).toThrow(/target has dtype int32/);
    expect(() => tape.gradient(g.mul(x, 1), 'x' as any)).toThrow(/sources must be tensors/);
    expect(() => tape.gradient(5 as any, x)).toThrow(/target must be a tensor/);
  });
  it('float32 sources get float32 gradients', () => {
    const x = tensor([1, 2], { dtype: 'float32' });
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(g.square(x), 1.5);
    });
    const d = tape.gradient(y, x);
    expect(d!.dtype).toBe('float32');
    expectAllClose(d, [3, 6]);
  });
  it('the gradient of an integer-valued path through cast stops', () => {
    const x = tensor([1.5, 2.5]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.add(g.cast(g.cast(x, 'int32'), 'float64'), x);
    });
    expectAllClose(tape.gradient(y, x), [1, 1]);
  });
});

describe('stopRecording, reset, stopGradient', () => {
  it("stopRecording returns fn's value and hides its ops", () => {
    const x = scalar(2);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      const hidden = tape.stopRecording(() => g.mul(x, x));
      return g.add(g.mul(x, 3), hidden);
    });
    expectAllClose(y, 10);
    expectAllClose(tape.gradient(y, x), 3);
  });
  it('reset forgets the recording and the watched tensors', () => {
    const x = scalar(2);
    const tape = new GradientTape({ persistent: true });
    tape.record(() => {
      tape.watch(x);
      return g.mul(x, x);
    });
    tape.reset();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 5);
    });
    expectAllClose(tape.gradient(y, x), 5);
    tape.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(tape.gradient(y, x)).toBeNull();
  });
  it('reset lets a non-persistent tape be used again', () => {
    const x = scalar(2);
    const tape = new GradientTape();
    let y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, x);
    });
    tape.gradient(y, x);
    tape.reset();
    y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, 7);
    });
    expectAllClose(tape.gradient(y, x), 7);
  });
  it('stopGradient treats its input as a constant (reverse and forward)', () => {
    const x = scalar(3);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(x, g.stopGradient(x));
    });
    expectAllClose(tape.gradient(y, x), 3);
    const [, dy] = g.jvp((t: Tensor) => g.mul(t, g.stopGradient(t)), [scalar(3)], [scalar(1)]);
    expectAllClose(dy, 3);
  });
});

describe('robustness', () => {
  it('long recordings (past the short linear index of tape numbers) give closed-form gradients', () => {
    // y = x·c₁·c₂·…·c₂₀₀ with c = 1.001 and a constant made fresh each step, so the tape numbers about 400 tensors;
    // w is used by the 100th op and watched only afterwards (TF still gives its gradient through that op)
    const x = scalar(0.5),
      w = scalar(2);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      let t: Tensor = x;
      for (let i = 1; i <= 200; i++) t = g.mul(t, i === 100 ? w : tensor(1.001));
      tape.watch(w);
      return t;
    });
    const k = 1.001 ** 199;
    expectAllClose(y, 0.5 * 2 * k, { rtol: 1e-12 });
    const [dx, dw] = tape.gradient(y, [x, w]) as Tensor[];
    expectAllClose(dx, 2 * k, { rtol: 1e-12 });
    expectAllClose(dw, 0.5 * k, { rtol: 1e-12 });
  });

  it('an exception inside record() stops the recording (later ops are not recorded)', () => {
    const x = scalar(2);
    const tape = new GradientTape({ persistent: true });
    expect(() =>
      tape.record(() => {
        tape.watch(x);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const y = g.mul(x, x);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(tape.gradient(y, x)).toBeNull();
    const z = tape.record(() => g.mul(x, 3));
    expectAllClose(tape.gradient(z, x), 3);
  });
  it('stopRecording pauses only its own tape; an outer tape still records', () => {
    const x = scalar(2);
    const outer = new GradientTape(),
      inner = new GradientTape();
    let yi!: Tensor;
    const yo = outer.record(() => {
      outer.watch(x);
      return inner.record(() => {
        inner.watch(x);
        return inner.stopRecording(() => (yi = g.mul(x, x)));
      });
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(inner.gradient(yi, x)).toBeNull();
    expectAllClose(outer.gradient(yo, x), 4);
  });
  it('gradient with respect to an intermediate tensor (as TF)', () => {
    const x = scalar(3);
    const tape = new GradientTape({ persistent: true });
    let y!: Tensor;
    const z = tape.record(() => {
      tape.watch(x);
      y = g.mul(x, x);
      return g.mul(y, y);
    });
    const [dy, dx] = tape.gradient(z, [y, x]);
    expectAllClose(dy, 18);
    expectAllClose(dx, 108);
  });
  it('watching a value that is already connected (an intermediate, a Variable read twice) changes no gradient', () => {
    const x = scalar(3),
      v = new Variable(2, { name: 'v' });
    const tape = new GradientTape({ persistent: true });
    let y!: Tensor;
    const z = tape.record(() => {
      tape.watch(x);
      y = g.mul(x, x);
      tape.watch(y);
      return g.mul(g.mul(y, y), g.mul(v, v));
    });
    expectAllClose(tape.gradient(z, y), 2 * 9 * 4);
    expectAllClose(tape.gradient(z, x), 4 * 27 * 4);
    const [dy, dx, dv] = tape.gradient(z, [y, x, v]);
    expectAllClose(dy, 72);
    expectAllClose(dx, 432);
    expectAllClose(dv, 81 * 2 * 2);
  });
  it('arrays of tensors or Variables given as an op argument are stacked differentiably (tf.convert_to_tensor)', () => {
    const [da, db] = g.grad((a: Tensor, b: Tensor) => g.sum(g.mul([a, b], [a, b])), { argnums: [0, 1] })(2, 3);
    expectAllClose(da, 4);
    expectAllClose(db, 6);
    const v = new Variable(1.5);
    const tape = new GradientTape();
    const z = tape.record(() => g.sum(g.square([v, v])));
    expectAllClose(tape.gradient(z, v), 6);
  });
  it('empty tensors have empty gradients', () => {
    const d = g.grad((x: Tensor) => g.sum(g.sin(x)))(g.zeros([0, 2]));
    expect(d.shape).toEqual([0, 2]);
  });
});

describe('tapes sharing tensors', () => {
  // each tape keeps its own record of the tensors it is connected to; these pin down what happens when several tapes meet one tensor
  it('two live persistent tapes recording the same ops each keep their own graph', () => {
    const x = scalar(3);
    const a = new GradientTape({ persistent: true }),
      b = new GradientTape({ persistent: true });
    const y = a.record(() => {
      a.watch(x);
      return b.record(() => {
        b.watch(x);
        return g.mul(x, x);
      });
    });
    const z = b.record(() => g.mul(y, x)); // only b records this
    expectAllClose(a.gradient(y, x), 6);
    expectAllClose(b.gradient(y, x), 6);
    expectAllClose(b.gradient(z, x), 27);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(a.gradient(z, x)).toBeNull();
  });
  it('a persistent tape still differentiates after later tapes watched its tensors and were used', () => {
    const x = tensor([1, 2]);
    const kept = new GradientTape({ persistent: true });
    const y = kept.record(() => {
      kept.watch(x);
      return g.square(x);
    });
    for (let i = 0; i < 3; i++) {
      const t = new GradientTape();
      const z = t.record(() => {
        t.watch(x);
        t.watch(y);
        return g.mul(g.mul(x, x), g.add(y, 1));
      });
      expectAllClose(t.gradient(z, [x, y])[1], [1, 4]);
    }
    expectAllClose(kept.gradient(y, x), [2, 4]);
  });
  it('a tape made after a used one claims the same tensors afresh; reset gives up the old recording', () => {
    const x = scalar(2);
    const first = new GradientTape();
    const y = first.record(() => {
      first.watch(x);
      return g.mul(x, 5);
    });
    expectAllClose(first.gradient(y, x), 5);
    const second = new GradientTape({ persistent: true });
    const z = second.record(() => {
      second.watch(x);
      return g.mul(x, x);
    });
    expectAllClose(second.gradient(z, x), 4);
    second.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(second.gradient(z, x)).toBeNull();
    const w = second.record(() => {
      second.watch(x);
      return g.mul(x, 7);
    });
    expectAllClose(second.gradient(w, x), 7);
  });
  it('a tensor watched after an op used it gets its gradient through that op (the op was recorded for its other input, as in TF)', () => {
    const x = scalar(2),
      y = scalar(3);
    const tape = new GradientTape({ persistent: true });
    const z = tape.record(() => {
      tape.watch(x);
      const z = g.mul(x, y);
      tape.watch(y);
      return z;
    });
    expectAllClose(tape.gradient(z, y), 2);
    const [dx, dy] = tape.gradient(z, [x, y]);
    expectAllClose(dx, 3);
    expectAllClose(dy, 2);
  });
  it('a source never watched still gets its gradient through ops recorded for other inputs, as in TF', () => {
    const x = scalar(2),
      y = scalar(3);
    const tape = new GradientTape({ persistent: true });
    const z = tape.record(() => {
      tape.watch(x);
      return g.mul(g.mul(x, y), y);
    }); // x·y²
    expectAllClose(tape.gradient(z, y), 12);
    const [dx, dy] = tape.gradient(z, [x, y]);
    expectAllClose(dx, 9);
    expectAllClose(dy, 12);
    // nothing recorded took it: null, with the warning that says to watch it
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(tape.gradient(z, scalar(1))).toBeNull();
    expect(String(warn.mock.calls[0][0])).toMatch(/never watched/);
  });
  it('an unwatched tensor taken twice by one recorded op is one source: its gradient sums both uses', () => {
    const x = tensor([-1, 2]),
      c = tensor([3, 4]);
    const tape = new GradientTape({ persistent: true });
    const z = tape.record(() => {
      tape.watch(x);
      return g.add(g.where(g.greater(x, 0), c, c), g.mul(c, x)); // the where takes c twice
    });
    // the where's two branches, and x: as TF, through the ops recorded for x
    expectAllClose(tape.gradient(z, c), [1 - 1, 1 + 2]);
  });
  it('a tape that joins while another records the same ops (inner records second) gets the right derivatives', () => {
    const x = scalar(0.5);
    const outer = new GradientTape({ persistent: true });
    const inner = new GradientTape({ persistent: true });
    let u!: Tensor, y!: Tensor;
    outer.record(() => {
      outer.watch(x);
      u = g.sin(x); // outer only
      y = inner.record(() => {
        inner.watch(x);
        inner.watch(u);
        return g.mul(u, g.exp(x));
      });
    });
    const [dx, du] = inner.gradient(y, [x, u]);
    expectAllClose(dx, Math.sin(0.5) * Math.exp(0.5));
    expectAllClose(du, Math.exp(0.5));
    expectAllClose(outer.gradient(y, x), (Math.cos(0.5) + Math.sin(0.5)) * Math.exp(0.5));
  });
});

describe('higher derivatives with nested tapes', () => {
  it('second and third derivatives of x³', () => {
    const x = scalar(2);
    const t3 = new GradientTape(),
      t2 = new GradientTape(),
      t1 = new GradientTape();
    let d1!: Tensor, d2!: Tensor;
    t3.record(() => {
      t3.watch(x);
      t2.record(() => {
        t2.watch(x);
        const y = t1.record(() => {
          t1.watch(x);
          return g.pow(x, 3);
        });
        d1 = t1.gradient(y, x)!;
      });
      d2 = t2.gradient(d1, x)!;
    });
    const d3 = t3.gradient(d2, x);
    expectAllClose(d1, 12);
    expectAllClose(d2, 12);
    expectAllClose(d3, 6);
  });
  it('second derivative of sin through a Variable', () => {
    const v = new Variable(0.7);
    const outer = new GradientTape();
    const d1 = outer.record(() => {
      const inner = new GradientTape();
      const y = inner.record(() => g.sin(v));
      return inner.gradient(y, v);
    });
    expectAllClose(d1, Math.cos(0.7), { rtol: 1e-14 });
    expectAllClose(outer.gradient(d1!, v), -Math.sin(0.7), { rtol: 1e-14 });
  });
  it('a persistent inner tape inside an outer one gives a Hessian row by row', () => {
    const x = tensor([1, 2]);
    const outer = new GradientTape({ persistent: true });
    const grad = outer.record(() => {
      outer.watch(x);
      const inner = new GradientTape();
      const y = inner.record(() => {
        inner.watch(x);
        return g.mul(g.prod(x), g.sum(x));
      }); // x0 x1 (x0 + x1)
      return inner.gradient(y, x);
    });
    expectAllClose(grad, [2 * 1 * 2 + 4, 1 + 2 * 1 * 2]);
    expectAllClose(outer.jacobian(grad!, x), [
      [2 * 2, 2 * 1 + 2 * 2],
      [2 * 1 + 2 * 2, 2 * 1],
    ]);
  });
});

describe('jacobian and batchJacobian', () => {
  it('jacobian has shape [...target, ...source] and works on a non-persistent tape', () => {
    const x = tensor([1, 2, 3]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.mul(g.reshape(g.square(x), [3, 1]), tensor([1, 10]));
    });
    const J = tape.jacobian(y, x);
    expect(J!.shape).toEqual([3, 2, 3]);
    expectAllClose(J, [
      [
        [2, 0, 0],
        [20, 0, 0],
      ],
      [
        [0, 4, 0],
        [0, 40, 0],
      ],
      [
        [0, 0, 6],
        [0, 0, 60],
      ],
    ]);
  });
  it('jacobian over several sources, unconnected sources', () => {
    const a = tensor([1, 2]),
      b = scalar(3),
      u = tensor([9]);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch([a, b, u]);
      return g.mul(a, b);
    });
    const [Ja, Jb, Ju] = tape.jacobian(y, [a, b, u]);
    expectAllClose(Ja, [
      [3, 0],
      [0, 3],
    ]);
    expectAllClose(Jb, [1, 2]);
    expect(Ju).toBeNull();
    const Jz = tape.jacobian(y, u, { unconnectedGradients: 'zero' });
    expectAllClose(Jz, [[0], [0]]);
  });
  it('batchJacobian gives per-example Jacobians', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const W = tensor([
      [1, 0, 2],
      [0, 1, 3],
    ]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.square(g.matmul(x, W));
    }); // [3, 3]
    const J = tape.batchJacobian(y, x)!;
    expect(J.shape).toEqual([3, 3, 2]);
    const full = new GradientTape();
    const y2 = full.record(() => {
      full.watch(x);
      return g.square(g.matmul(x, W));
    });
    const JF = full.jacobian(y2, x)!.toArray() as number[][][][];
    const want = [0, 1, 2].map((b) => JF[b].map((row) => row[b]));
    expectAllClose(J, want);
  });
  it('batchJacobian of an unconnected source is null, or zeros on request', () => {
    const x = g.ones([3, 2]),
      u = g.ones([3, 4]);
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch([x, u]);
      return g.square(x);
    });
    expect(tape.batchJacobian(y, u)).toBeNull();
    const z = tape.batchJacobian(y, u, { unconnectedGradients: 'zero' })!;
    expect(z.shape).toEqual([3, 2, 4]);
    expectAllClose(g.sum(g.abs(z)), 0);
  });
  it('batchJacobian rejects mismatched batch sizes, naming both shapes', () => {
    const x = g.ones([3, 2]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.sum(x);
    });
    expect(() => tape.batchJacobian(y, x)).toThrow(/batchJacobian.*\[\].*\[3, 2\]/);
  });
});

describe('customGradient', () => {
  it("one input: the given gradient replaces the body's (log1pexp stable gradient)", () => {
    const logExp = g.customGradient((x: Tensor) => {
      const e = g.exp(x);
      return { value: g.log(g.add(1, e)), grad: (dy: Tensor) => g.mul(dy, g.sub(1, g.div(1, g.add(1, e)))) };
    });
    const x = tensor([0, 100]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return logExp(x);
    });
    expectAllClose(tape.gradient(y, x), [0.5, 1]);
  });
  it('several inputs: one gradient each (null allowed); the body is not recorded', () => {
    const f = g.customGradient((a: Tensor, b: Tensor) => ({
      value: g.mul(a, b),
      grad: (dy: Tensor) => [g.mul(dy, 100), null],
    }));
    const a = scalar(2),
      b = scalar(3);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch([a, b]);
      return g.mul(f(a, b), 2);
    });
    expectAllClose(y, 12);
    const [da, db] = tape.gradient(y, [a, b], { unconnectedGradients: 'zero' });
    expectAllClose(da, 200);
    expectAllClose(db, 0);
  });
  it('works with Variables and wrong gradient counts/shapes throw', () => {
    const v = new Variable(tensor([1, 2]));
    const bad = g.customGradient((x: Tensor) => ({ value: g.sum(x), grad: (dy: Tensor) => [dy, dy] }));
    const tape = new GradientTape({ persistent: true });
    const y = tape.record(() => bad(v));
    expect(() => tape.gradient(y, v)).toThrow(/customGradient.*2 gradient.*1 input/);
    const bad2 = g.customGradient((x: Tensor) => ({ value: g.sum(x), grad: (dy: Tensor) => dy }));
    const y2 = tape.record(() => bad2(v));
    expect(() => tape.gradient(y2, v)).toThrow(/customGradient.*shape \[\].*\[2\]/);
  });
  it('its grad function is differentiable under an outer tape (second order)', () => {
    const cube = g.customGradient((x: Tensor) => ({
      value: g.pow(x, 3),
      grad: (dy: Tensor) => g.mul(dy, g.mul(3, g.square(x))),
    }));
    const x = scalar(2);
    const outer = new GradientTape();
    const d1 = outer.record(() => {
      outer.watch(x);
      const inner = new GradientTape();
      const y = inner.record(() => {
        inner.watch(x);
        return cube(x);
      });
      return inner.gradient(y, x);
    });
    expectAllClose(d1, 12);
    expectAllClose(outer.gradient(d1!, x), 12);
  });
});

describe('detectAnomaly', () => {
  it('names the first op whose forward pass produced NaN/Inf, with shapes', () => {
    const x = tensor([[1, -1]]);
    expect(() => g.detectAnomaly(() => g.add(g.log(g.add(x, 0)), 1))).toThrow(/forward pass of 'log'.*\[1, 2\]/);
    expect(() => g.detectAnomaly(() => g.add(g.log(g.add(x, 0)), 1))).toThrow(g.AnomalyError);
  });
  it('names the op whose backward pass produced NaN/Inf from a finite cotangent', () => {
    const x = tensor([0, 4]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.sum(g.sqrt(x));
    });
    expect(() => g.detectAnomaly(() => tape.gradient(y, x))).toThrow(/backward pass of 'sqrt'.*\[2\]/);
  });
  it('does not flag a rule whose Inf intermediate meets a zero cotangent', () => {
    const x = tensor([0, 4]);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.sum(g.where(g.greater(x, 0), g.sqrt(x), 0));
    });
    expectAllClose(
      g.detectAnomaly(() => tape.gradient(y, x)),
      [0, 0.25],
    );
  });
  it("is quiet for clean computations and returns fn's value", () => {
    expectAllClose(
      g.detectAnomaly(() => g.add(1, tensor([2]))),
      [3],
    );
    // NaN already in the input is not blamed on the op
    expectAllClose(
      g.detectAnomaly(() => g.add(tensor([NaN]), 1)),
      [NaN],
    );
  });
});
