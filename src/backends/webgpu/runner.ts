/// <reference types="@webgpu/types" />
/**
 * @file Running compute programs on one device: pipelines cached by source, buffers pooled by size, dispatches
 * batched into one command encoder and submitted together (on a read, or every {@link MAX_BATCH} dispatches).
 *
 * The contract every kernel builder follows (`elementwise.ts`, `kernels/*.ts`, `fused.ts`):
 * - A {@link Program} is WGSL plus its dispatch size. Its bindings, all in `@group(0)`, are the inputs first
 *   (`var<storage, read>`, binding 0…), then the outputs (`var<storage, read_write>`), then, if the program has
 *   `uniforms`, one `var<uniform>` struct at the next binding. Every declared binding must be used.
 * - Element storage per dtype: float32 → `f32`, int32 → `i32`, bool → `u32` holding 0 or 1.
 * - The entry point is `main`. Dispatches larger than 65,535 workgroups in x are split over y by
 *   {@link workgroupsFor}; a kernel then computes its flat index with {@link FLAT_INDEX}.
 *
 * Buffer reuse is safe because of one rule: a buffer given back goes to a pending list and returns to the pool
 * only when the batch that may still read it has been submitted. `queue.writeBuffer` runs before any later
 * submission, so it never overwrites data an earlier, unsubmitted dispatch still needs.
 */

/** A compute program: WGSL source and how many workgroups to run (see the file comment for its bindings). */
export interface Program {
  /** The WGSL source (also the pipeline cache's key). */
  readonly code: string;
  readonly workgroups: readonly [number, number, number];
  /** Bytes for the uniform struct, if the program declares one. */
  readonly uniforms?: ArrayBufferView;
}

/** A kernel's input on the GPU: its buffer (at least `size·4` bytes) with its shape and dtype. */
export interface GpuInput {
  readonly buffer: GPUBuffer;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32' | 'bool';
}

/** Dispatches queued before a submit: bounds the work (and pending buffers) a long eager loop builds up. */
export const MAX_BATCH = 64;
/** Threads per workgroup of the one-dimensional kernels. */
export const WORKGROUP = 256;

/**
 * Workgroups for `n` threads of `WORKGROUP` each: x up to 65,535, the rest over y.
 * @example workgroupsFor(1e7) // [65535, 1, 1]... or [x, y, 1] when more are needed
 */
export function workgroupsFor(n: number, perGroup = WORKGROUP): [number, number, number] {
  const groups = Math.max(1, Math.ceil(n / perGroup));
  if (groups <= 65535) return [groups, 1, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y, 1];
}

/**
 * WGSL that defines `let i: u32` as the flat thread index of a kernel dispatched with `workgroupsFor`; the
 * kernel declares `@builtin(global_invocation_id) gid: vec3u` and `@builtin(num_workgroups) nwg: vec3u`.
 */
export const FLAT_INDEX = `let i = gid.x + gid.y * nwg.x * ${WORKGROUP}u;`;

/** The entry line of a one-thread-per-element kernel, declaring the builtins {@link FLAT_INDEX} reads. */
export const MAIN_1D = `@compute @workgroup_size(${WORKGROUP}) fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u)`;

export class Runner {
  readonly device: GPUDevice;
  /**
   * Bind-group layouts by binding counts, each with its pipelines by source. Keyed by the source string itself
   * (the generators hand out one string object per kernel, whose hash V8 keeps), not a key built per dispatch:
   * a concatenated key would rehash the whole WGSL source on every dispatch.
   */
  readonly #layouts = new Map<string, { layout: GPUBindGroupLayout; pipelines: Map<string, GPUComputePipeline> }>();
  readonly #free = new Map<number, GPUBuffer[]>();
  #pending: GPUBuffer[] = [];
  /** Uniform buffers of the unsubmitted batch (one per dispatch; destroyed once submitted). */
  #uniforms: GPUBuffer[] = [];
  #encoder: GPUCommandEncoder | null = null;
  #pass: GPUComputePassEncoder | null = null;
  #queued = 0;
  #lost = false;

  constructor(device: GPUDevice) {
    this.device = device;
  }

  /** Pool sizes: powers of two from 256 bytes, so a freed buffer serves any request of its class. */
  static sizeClass(bytes: number): number {
    return Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(bytes, 4))));
  }

  /** A storage buffer of at least `bytes` (pooled; contents undefined). */
  buffer(bytes: number): GPUBuffer {
    const size = Runner.sizeClass(bytes);
    const list = this.#free.get(size);
    const b = list?.pop();
    if (b) return b;
    return this.device.createBuffer({
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
  }

  /** Gives a buffer back; it is reused after the next submit (see the file comment). */
  release(b: GPUBuffer): void {
    if (!this.#lost) this.#pending.push(b);
  }

  /** A buffer holding `data` (4-byte elements). */
  upload(data: ArrayBufferView): GPUBuffer {
    const b = this.buffer(data.byteLength);
    if (data.byteLength > 0) this.device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  }

  #layout(nIn: number, nOut: number, uniform: boolean) {
    const key = `${nIn}/${nOut}/${uniform}`;
    let l = this.#layouts.get(key);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [];
      for (let k = 0; k < nIn + nOut; k++)
        entries.push({
          binding: k,
          visibility: GPUShaderStage.COMPUTE,
          buffer: { type: k < nIn ? 'read-only-storage' : 'storage' },
        });
      if (uniform)
        entries.push({ binding: nIn + nOut, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
      l = { layout: this.device.createBindGroupLayout({ entries }), pipelines: new Map() };
      this.#layouts.set(key, l);
    }
    return l;
  }

  #pipeline(code: string, l: { layout: GPUBindGroupLayout; pipelines: Map<string, GPUComputePipeline> }) {
    let p = l.pipelines.get(code);
    if (!p) {
      const module = this.device.createShaderModule({ code });
      p = this.device.createComputePipeline({
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [l.layout] }),
        compute: { module, entryPoint: 'main' },
      });
      l.pipelines.set(code, p);
    }
    return p;
  }

  /** Queues `program` reading `inputs` and writing `outputs`. */
  run(program: Program, inputs: readonly GPUBuffer[], outputs: readonly GPUBuffer[]): void {
    const uniform = program.uniforms !== undefined;
    const l = this.#layout(inputs.length, outputs.length, uniform);
    const pipeline = this.#pipeline(program.code, l);
    const entries: GPUBindGroupEntry[] = [];
    inputs.forEach((b, k) => entries.push({ binding: k, resource: { buffer: b } }));
    outputs.forEach((b, k) => entries.push({ binding: inputs.length + k, resource: { buffer: b } }));
    if (uniform) {
      const u = program.uniforms!;
      const ub = this.device.createBuffer({
        size: Math.max(16, Math.ceil(u.byteLength / 16) * 16),
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      });
      this.device.queue.writeBuffer(ub, 0, u.buffer, u.byteOffset, u.byteLength);
      entries.push({ binding: inputs.length + outputs.length, resource: { buffer: ub } });
      this.#uniforms.push(ub);
    }
    const group = this.device.createBindGroup({ layout: l.layout, entries });
    this.#pass ??= this.#commands().beginComputePass();
    this.#pass.setPipeline(pipeline);
    this.#pass.setBindGroup(0, group);
    const [x, y, z] = program.workgroups;
    this.#pass.dispatchWorkgroups(x, y, z);
    if (++this.#queued >= MAX_BATCH) this.flush();
  }

  #commands(): GPUCommandEncoder {
    this.#encoder ??= this.device.createCommandEncoder();
    return this.#encoder;
  }

  /** Queues a copy of `bytes` (a multiple of 4) between buffers, in order with the dispatches around it. */
  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, dstOffset: number, bytes: number): void {
    if (bytes === 0) return;
    // copies are recorded outside compute passes: end the open one, the next dispatch opens another
    this.#pass?.end();
    this.#pass = null;
    this.#commands().copyBufferToBuffer(src, srcOffset, dst, dstOffset, bytes);
    if (++this.#queued >= MAX_BATCH) this.flush();
  }

  /** Submits every queued dispatch; buffers given back before now become reusable. */
  flush(): void {
    if (this.#encoder !== null) {
      this.#pass?.end();
      this.device.queue.submit([this.#encoder.finish()]);
      this.#pass = null;
      this.#encoder = null;
      this.#queued = 0;
    }
    for (const b of this.#pending) {
      const list = this.#free.get(b.size);
      if (list) list.push(b);
      else this.#free.set(b.size, [b]);
    }
    this.#pending = [];
    // uniform buffers are small and used once: destroying after submit is safe (the queue keeps them alive)
    for (const u of this.#uniforms) u.destroy();
    this.#uniforms = [];
  }

  /** Copies `bytes` of `b` back to the host, after everything queued so far has run. */
  async read(b: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const staging = this.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.flush();
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(b, 0, staging, 0, size);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const out = staging.getMappedRange().slice(0, bytes);
    staging.unmap();
    staging.destroy();
    return out;
  }

  /** Frees every pooled buffer (the device itself is destroyed by its owner). */
  destroy(): void {
    this.flush();
    this.#lost = true;
    for (const list of this.#free.values()) for (const b of list) b.destroy();
    this.#free.clear();
  }
}
