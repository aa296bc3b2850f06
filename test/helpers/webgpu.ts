/**
 * @file For tests that need a WebGPU adapter: one device per test file, or the reason there is none. Without an
 * adapter such tests are skipped with that reason printed, never passed silently. CI installs one (.ci/run).
 */
import { acquireGpu, type Gpu } from '../../src/backends/webgpu/gpu.js';

/** A device, or why there is none. */
export async function gpuOrReason(): Promise<{ gpu: Gpu; reason: null } | { gpu: null; reason: string }> {
  try {
    return { gpu: await acquireGpu(), reason: null };
  } catch (e) {
    const reason = `no WebGPU adapter: ${(e as Error).message}`;
    console.warn(`[skip] WebGPU tests skipped: ${reason}`);
    return { gpu: null, reason };
  }
}
