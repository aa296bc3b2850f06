/**
 * @file No manual memory management: a long loop of tape iterations must not grow the heap (tapes, nodes and
 * intermediate tensors are all ordinary garbage once a gradient has been taken).
 */
import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as g from '../index.js';
import { GradientTape, linspace, type Tensor } from '../index.js';

/** A full collection, so heap readings measure what is alive rather than what is merely uncollected. */
function collect(): void {
  const gc =
    (globalThis as { gc?: () => void }).gc ??
    (() => {
      setFlagsFromString('--expose-gc');
      return runInNewContext('gc') as () => void;
    })();
  gc();
  gc();
}

describe('memory', () => {
  it('200,000 tape iterations (watch, x² + 1, gradient over 100 points) do not grow the heap', () => {
    const x = linspace(-5, 5, 100);
    const step = (): Tensor => {
      const tape = new GradientTape();
      const y = tape.record(() => {
        tape.watch(x);
        return g.add(g.square(x), 1);
      });
      return tape.gradient(y, x) as Tensor;
    };
    for (let i = 0; i < 2_000; i++) step(); // warm up the JIT and the kernel caches
    collect();
    const before = process.memoryUsage().heapUsed;
    let last: Tensor = x;
    const samples: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      last = step();
      if (i % 50_000 === 49_999) {
        collect();
        samples.push(process.memoryUsage().heapUsed);
      }
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    expect(last.data()[99]).toBe(10);
    if (process.env.GRADTAPE_MEM_LOG)
      console.log(`heap growth ${(grown / 1e6).toFixed(3)} MB; samples ${samples.join(', ')}`);
    // one iteration allocates ~5 KB; a leak of even one small object per iteration would show as several MB
    expect(
      grown,
      `heap grew by ${(grown / 1e6).toFixed(2)} MB (samples ${samples.map((s) => (s / 1e6).toFixed(1)).join(', ')} MB)`,
    ).toBeLessThan(4e6);
  });
  it('a persistent tape is freed once unreachable; a non-persistent one drops its nodes after gradient()', () => {
    const x = linspace(0, 1, 10_000);
    collect();
    const before = process.memoryUsage().heapUsed;
    const keep: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      const tape = new GradientTape();
      const y = tape.record(() => {
        tape.watch(x);
        return g.sum(g.exp(g.sin(x)));
      });
      tape.gradient(y, x);
      keep.push(tape); // the tape object stays alive, but its recorded 80 KB tensors must not
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    expect(keep).toHaveLength(200);
    expect(grown, `heap grew by ${(grown / 1e6).toFixed(2)} MB`).toBeLessThan(8e6);
  });
});
