/// <reference types="@webgpu/types" />
/**
 * @file Getting a WebGPU device: `navigator.gpu` in a browser, the npm package `webgpu` (Dawn) in Node. The
 * package is an optional peer dependency, imported here only when `setBackend('webgpu')` first runs, so CPU-only
 * users never load it.
 *
 * In Node, the object `create()` returns must stay reachable while its device lives: if V8 collects it, Dawn
 * frees its instance under the device and the process dies (ARCHITECTURE.md, "The WebGPU backend").
 * `Gpu.instance` holds it for exactly that reason; `Gpu.destroy()` releases both.
 *
 * Adapters are tried in order: the platform's default (Vulkan, Metal, D3D12), then Dawn's OpenGL ES backend in
 * compatibility mode, which is what Debian 12's stock Mesa offers without a GPU (llvmpipe through EGL).
 * `GRADTAPE_WEBGPU_FLAGS` (comma-separated Dawn flags such as `backend=opengles`) picks one explicitly.
 */

/** A WebGPU device and what keeps it alive. */
export interface Gpu {
  readonly device: GPUDevice;
  /** Which adapter, in words (vendor, architecture, backend): shown by `describeBackend()` and the benchmarks. */
  readonly adapterName: string;
  /** The GPU object the device came from: kept reachable on purpose (see the file comment). */
  readonly instance: GPU;
  destroy(): void;
}

/** The limits gradtape asks for, raised to what the adapter offers. */
function limitsFor(adapter: GPUAdapter): Record<string, number> {
  const a = adapter.limits;
  return {
    maxStorageBufferBindingSize: a.maxStorageBufferBindingSize,
    maxBufferSize: a.maxBufferSize,
    maxStorageBuffersPerShaderStage: a.maxStorageBuffersPerShaderStage,
    maxComputeInvocationsPerWorkgroup: Math.min(256, a.maxComputeInvocationsPerWorkgroup),
    maxComputeWorkgroupSizeX: Math.min(256, a.maxComputeWorkgroupSizeX),
    maxComputeWorkgroupSizeY: Math.min(256, a.maxComputeWorkgroupSizeY),
    maxComputeWorkgroupStorageSize: a.maxComputeWorkgroupStorageSize,
  };
}

const describeAdapter = (adapter: GPUAdapter, how: string): string => {
  const i = (adapter as { info?: Record<string, string> }).info;
  const words = [i?.vendor, i?.architecture, i?.device, i?.description].filter((w) => w).join(' ');
  return `${words || 'unknown adapter'} (${how})`;
};

async function openDevice(instance: GPU, adapter: GPUAdapter, how: string): Promise<Gpu> {
  const device = await adapter.requestDevice({ requiredLimits: limitsFor(adapter) });
  let alive = true;
  return {
    device,
    adapterName: describeAdapter(adapter, how),
    instance,
    destroy() {
      if (alive) device.destroy();
      alive = false;
    },
  };
}

const INSTALL =
  "Install the optional package 'webgpu' (npm install webgpu) and a driver: a GPU's Vulkan driver, or on a machine " +
  "without one Mesa's software renderer (Debian: apt-get install libegl-dev libegl-mesa0 libgl1-mesa-dri), " +
  "or call setBackend('cpu')";

/**
 * The GPU objects made so far, by Dawn flags, for the life of the process and reused by every later device. An
 * instance must outlive its devices (see the file comment), and with the OpenGL ES backend Dawn's instances share
 * one EGL display: an old instance collected while a newer device runs takes the display down under it (the
 * process dies in `std::system_error`, as a test file that starts and disposes the backend twice showed).
 */
const instances = new Map<string, GPU>();

/**
 * A device on the best adapter there is; rejects, saying why and what to install, when there is none.
 * @example const gpu = await acquireGpu(); … gpu.destroy();
 */
export async function acquireGpu(): Promise<Gpu> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) {
    const adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter)
      throw new Error(
        "setBackend('webgpu'): this browser has WebGPU but gave no adapter (is hardware acceleration off?); use setBackend('cpu')",
      );
    return openDevice(nav.gpu, adapter, 'browser');
  }
  if (typeof process === 'undefined' || !process.versions?.node)
    throw new Error(
      "setBackend('webgpu'): this JavaScript runtime has no WebGPU (navigator.gpu); use setBackend('cpu')",
    );
  let mod: { create(flags: string[]): GPU; globals: object };
  try {
    // a variable specifier keeps bundlers from pulling the native package into a browser bundle
    const name = 'webgpu';
    mod = (await import(name)) as typeof mod;
  } catch (e) {
    throw new Error(
      `setBackend('webgpu'): the package 'webgpu' could not be loaded (${(e as Error).message}). ${INSTALL}`,
    );
  }
  // GPUBufferUsage, GPUMapMode, …: the constants WebGPU code reads from the global scope, as in a browser
  for (const [k, v] of Object.entries(mod.globals))
    if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  const explicit = process.env.GRADTAPE_WEBGPU_FLAGS;
  const routes: Array<{ flags: string[]; options: GPURequestAdapterOptions; how: string }> = explicit
    ? [
        {
          flags: explicit.split(',').filter((f) => f),
          options: { featureLevel: 'compatibility' } as never,
          how: explicit,
        },
      ]
    : [
        { flags: [], options: { powerPreference: 'high-performance' }, how: 'Dawn, default backend' },
        {
          flags: ['backend=opengles'],
          options: { featureLevel: 'compatibility' } as never,
          how: 'Dawn, OpenGL ES compatibility mode',
        },
      ];
  const tried: string[] = [];
  for (const route of routes) {
    // EGL reads this when Dawn opens a display: without a window system, ask for a surfaceless one
    if (route.flags.includes('backend=opengles')) process.env.EGL_PLATFORM ??= 'surfaceless';
    try {
      const key = route.flags.join(',');
      let instance = instances.get(key);
      if (instance === undefined) instances.set(key, (instance = mod.create(route.flags)));
      const adapter = await instance.requestAdapter(route.options);
      if (adapter) return await openDevice(instance, adapter, route.how);
      tried.push(`${route.how}: no adapter`);
    } catch (e) {
      tried.push(`${route.how}: ${(e as Error).message}`);
    }
  }
  throw new Error(`setBackend('webgpu'): no WebGPU adapter found (${tried.join('; ')}). ${INSTALL}`);
}
