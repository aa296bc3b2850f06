/**
 * @file The backends by name, as TensorFlow.js users know them: `await setBackend('webgpu')`, `getBackend()`,
 * `await disposeBackend('webgpu')`. A backend is registered as a factory, so one that needs a native module
 * (WebGPU's `webgpu` package in Node) is imported only when first asked for: CPU-only users load nothing of it.
 */
import { backend, useBackend, type Backend } from './backend.js';

/** A backend the registry can make: `create` is called once, on the first `setBackend(name)`. */
export interface BackendEntry {
  create(): Promise<Backend>;
  /** Releases what `create` made (a GPU device), so that a Node process can exit. */
  dispose?(b: Backend): Promise<void>;
}

const entries = new Map<string, BackendEntry>();
const made = new Map<string, Backend>();

/** Makes `name` available to `setBackend`. @example registerBackend('cpu', { create: async () => cpuBackend }) */
export function registerBackend(name: string, entry: BackendEntry): void {
  entries.set(name, entry);
}

/** @internal Registers a backend that already exists and makes it active (the CPU, at import). */
export function installBackend(b: Backend): void {
  registerBackend(b.name, { create: async () => b });
  made.set(b.name, b);
  useBackend(b);
}

const known = (): string => [...entries.keys()].map((n) => `'${n}'`).join(', ');

/**
 * Makes the named backend the one new tensors and ops use. Rejects, naming the reason, when the backend cannot
 * start (no GPU adapter, no `webgpu` package): it never falls back to another one silently.
 * @example await setBackend('webgpu'); … await setBackend('cpu');
 */
export async function setBackend(name: string): Promise<void> {
  if (typeof name !== 'string')
    throw new TypeError(`setBackend: name must be a string (${known()}); got ${typeof name}`);
  const entry = entries.get(name);
  if (entry === undefined) throw new Error(`setBackend: unknown backend '${name}'; the backends are ${known()}`);
  let b = made.get(name);
  if (b === undefined) {
    b = await entry.create();
    made.set(name, b);
  }
  useBackend(b);
}

/** The name of the active backend. @example getBackend() // 'cpu' */
export function getBackend(): string {
  return backend().name;
}

/**
 * Releases a backend's resources (WebGPU: its device, so that a Node process can exit). Tensors it made can no
 * longer be read. If it was active, the CPU becomes active again. A later `setBackend(name)` starts it afresh.
 * @example await disposeBackend('webgpu')
 */
export async function disposeBackend(name: string): Promise<void> {
  const entry = entries.get(name);
  if (entry === undefined) throw new Error(`disposeBackend: unknown backend '${name}'; the backends are ${known()}`);
  const b = made.get(name);
  if (b === undefined) return;
  if (name === 'cpu') throw new Error("disposeBackend: the 'cpu' backend is the reference and cannot be disposed");
  made.delete(name);
  if (backend() === b) useBackend(made.get('cpu')!);
  await entry.dispose?.(b);
}
