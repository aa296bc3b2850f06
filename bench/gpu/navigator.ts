/// <reference types="@webgpu/types" />
/**
 * @file `navigator.gpu` for the peers that expect a browser (TensorFlow.js's WebGPU backend, jax-js's WebGPU
 * device), from the npm package `webgpu` (Dawn), on the same adapter gradtape picks (src/backends/webgpu/gpu.ts):
 * the platform's default backend (Vulkan on a GPU machine), else Dawn's OpenGL ES backend in compatibility mode
 * (Mesa llvmpipe without a GPU). `GRADTAPE_WEBGPU_FLAGS` picks the Dawn flags explicitly, as for gradtape.
 *
 * Neither peer asks for a compatibility-mode adapter (they call `requestAdapter({ powerPreference })`), and Dawn's
 * OpenGL ES backend offers no other, so on that route `navigator.gpu` is a thin wrapper that adds
 * `featureLevel: 'compatibility'` to every adapter request.
 */

/** The adapter and its route, in words, and whether it is a software renderer. */
export interface FoundAdapter {
  adapterName: string;
  software: boolean;
}

/** Names that mark a CPU renderer (Mesa llvmpipe/lavapipe, SwiftShader) rather than a GPU. */
export const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

/** The first adapter on the routes gradtape tries, the GPU object it came from, and the route. */
export async function findAdapter(): Promise<{ gpu: GPU; adapter: GPUAdapter; compat: boolean; found: FoundAdapter }> {
  const name = 'webgpu';
  const mod = (await import(name)) as { create(flags: string[]): GPU; globals: object };
  for (const [k, v] of Object.entries(mod.globals))
    if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  const explicit = process.env.GRADTAPE_WEBGPU_FLAGS;
  const routes = explicit
    ? [{ flags: explicit.split(',').filter((f) => f), how: explicit }]
    : [
        { flags: [], how: 'Dawn, default backend' },
        { flags: ['backend=opengles'], how: 'Dawn, OpenGL ES compatibility mode' },
      ];
  const tried: string[] = [];
  for (const route of routes) {
    const compat = route.flags.includes('backend=opengles');
    if (compat) process.env.EGL_PLATFORM ??= 'surfaceless';
    try {
      const gpu = mod.create(route.flags);
      const adapter = await gpu.requestAdapter({
        powerPreference: 'high-performance',
        ...(compat ? { featureLevel: 'compatibility' } : {}),
      });
      if (!adapter) {
        tried.push(`${route.how}: no adapter`);
        continue;
      }
      const info = (adapter as { info?: Record<string, string> }).info;
      const words = [info?.vendor, info?.architecture, info?.device, info?.description].filter((w) => w).join(' ');
      const found = { adapterName: `${words || 'unknown adapter'} (${route.how})`, software: SOFTWARE.test(words) };
      return { gpu, adapter, compat, found };
    } catch (e) {
      tried.push(`${route.how}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no WebGPU adapter (${tried.join('; ')})`);
}

/**
 * Installs `navigator.gpu` (and WebGPU's global constants) from the `webgpu` package; rejects, with every route's
 * failure, when no adapter answers. The GPU object is kept on `globalThis`: Dawn must not see it collected while a
 * device made from it lives (it frees its instance under the device and the process dies).
 */
export async function provideNavigatorGpu(): Promise<FoundAdapter> {
  const { gpu, compat, found } = await findAdapter();
  (globalThis as { __benchGpu?: GPU }).__benchGpu = gpu;
  const wrapped = compat
    ? {
        requestAdapter: (o?: GPURequestAdapterOptions) =>
          gpu.requestAdapter({ ...o, featureLevel: 'compatibility' } as GPURequestAdapterOptions),
        getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat(),
        wgslLanguageFeatures: gpu.wgslLanguageFeatures,
      }
    : gpu;
  // Node 20 has no navigator; jax-js also reads navigator.userAgent
  const nav = ((globalThis as { navigator?: object }).navigator ??= {}) as Record<string, unknown>;
  Object.defineProperty(nav, 'gpu', { value: wrapped, configurable: true });
  if (!nav.userAgent) Object.defineProperty(nav, 'userAgent', { value: `Node.js/${process.version}` });
  return found;
}
