import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../test/helpers/webgpu.js';
import { FLAT_INDEX, Runner, workgroupsFor } from './runner.js';

const { gpu, reason } = await gpuOrReason();

describe.skipIf(gpu === null)(`WebGPU runner${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const runner = new Runner(gpu!.device);
  afterAll(() => {
    runner.destroy();
    gpu!.destroy();
  });

  it('runs a program with a uniform and reads the result back', async () => {
    const n = 1000;
    const x = runner.upload(Float32Array.from({ length: n }, (_, i) => i));
    const out = runner.buffer(n * 4);
    runner.run(
      {
        code: `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
struct U { n: u32, scale: f32 }
@group(0) @binding(2) var<uniform> u: U;
@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${FLAT_INDEX}
  if (i < u.n) { y[i] = x[i] * u.scale; }
}`,
        workgroups: workgroupsFor(n),
        uniforms: new Uint32Array([n, new Uint32Array(new Float32Array([2.5]).buffer)[0]]),
      },
      [x],
      [out],
    );
    const got = new Float32Array(await runner.read(out, n * 4));
    expect(got[0]).toBe(0);
    expect(got[999]).toBe(999 * 2.5);
  });

  it('splits large dispatches over y', () => {
    expect(workgroupsFor(256 * 65535)).toEqual([65535, 1, 1]);
    const [x, y] = workgroupsFor(256 * 65536);
    expect(x * y * 256).toBeGreaterThanOrEqual(256 * 65536);
    expect(x).toBeLessThanOrEqual(65535);
  });
});
