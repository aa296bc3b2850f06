/// <reference types="@webgpu/types" />
/**
 * @file The WebGPU backend (under construction: the kernels arrive in the next commits). `createWebGPUBackend`
 * acquires a device and returns the Backend; `destroyWebGPUBackend` releases it.
 */
import type { Backend } from '../backend.js';
import { acquireGpu } from './gpu.js';

export async function createWebGPUBackend(): Promise<Backend> {
  const gpu = await acquireGpu();
  gpu.destroy();
  throw new Error("setBackend('webgpu'): the WebGPU backend's kernels are not built yet");
}

export async function destroyWebGPUBackend(_b: Backend): Promise<void> {}
