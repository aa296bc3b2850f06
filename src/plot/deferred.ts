/**
 * @file Plot calls given tensors that live on a GPU. A plot call is synchronous and a GPU tensor can be read only
 * asynchronously, so such a call still returns its artist at once — of the right class, at its place in the
 * axes' drawing order, with its colour already taken from the cycle — and starts reading the tensors. When the
 * values arrive the artist is built from them and its state moved into the object the call returned.
 *
 * `fig.ready()` waits for every such read; `fig.save`, `fig.show` and the animation writers call it, so the
 * usual `ax.plot(x, y); await fig.save('f.png')` just works. Synchronous reads of a figure that is still waiting
 * (`toSVG`, `getXlim`) throw and say to await `fig.ready()`. An error that only the values can reveal (a contour
 * grid with no finite value) rejects `fig.ready()` and `fig.save` with the plot call's own message.
 *
 * The plot package knows tensors only by their shape (duck typing, as data.ts): a tensor is on a GPU when its
 * device cannot read synchronously (`_device.syncRead === false`).
 */
import { isTensorLike } from './data.js';

/** A tensor whose values can only be read asynchronously (`await t.data()`). */
interface DeviceTensor {
  readonly shape: readonly number[];
  data(): PromiseLike<ArrayLike<number>> | ArrayLike<number>;
  readonly _device: { readonly syncRead: false };
}

/** Objects returned before their values arrived, with the read that completes them (rejected: it failed). */
const pending = new WeakMap<object, Promise<void>>();

function isDeviceTensor(v: unknown): v is DeviceTensor {
  return isTensorLike(v) && (v as Partial<DeviceTensor>)._device?.syncRead === false;
}

/** Options objects are searched one level down (`scatter(x, y, { c: gpuTensor })`). */
function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function mustWait(v: unknown): boolean {
  if (isDeviceTensor(v) || isPending(v)) return true;
  return isOptions(v) && Object.values(v).some((x) => isDeviceTensor(x) || isPending(x));
}

/** The host form of an input: a device tensor becomes a host tensor-like of the same shape; a pending object is awaited. */
async function toHost(v: unknown): Promise<unknown> {
  if (isDeviceTensor(v)) {
    const values = Float64Array.from(await v.data());
    const shape = [...v.shape];
    return { shape, data: () => values };
  }
  if (typeof v === 'object' && v !== null && pending.has(v)) {
    await pending.get(v);
    return v;
  }
  if (isOptions(v) && mustWait(v)) {
    const entries = await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await toHost(x)] as const));
    return Object.fromEntries(entries);
  }
  return v;
}

/** True while `o` waits for values from a GPU (or after that read failed). @example isPending(line) */
export function isPending(o: unknown): boolean {
  return typeof o === 'object' && o !== null && pending.has(o);
}

/**
 * When any input is a GPU tensor or an object still waiting for one, mark `target` pending, read the inputs and
 * call `apply` with their host forms, and return true; otherwise return false and do nothing (the caller goes on
 * synchronously). Host forms are tensor-likes the plot's data conversion (data.ts) accepts.
 * @example if (!whenOnHost(this, [locs], set)) set(locs); // Axes.setXticks
 */
export function whenOnHost(target: object, inputs: readonly unknown[], apply: (...host: never[]) => void): boolean {
  if (!inputs.some(mustWait)) return false;
  const done = Promise.all(inputs.map(toHost)).then((host) => (apply as (...h: unknown[]) => void)(...host));
  const before = pending.get(target); // an axes may wait for its x and its y ticks at once
  track(target, before ? Promise.all([before, done]).then(() => undefined) : done);
  return true;
}

/**
 * Run `then` once `target`'s values have arrived, as part of its wait (fig.ready() waits for it too); false,
 * doing nothing, when `target` waits for nothing.
 * @example if (!afterHost(a, () => this.dataLim.set(a, a.extent()))) this.dataLim.set(a, a.extent());
 */
export function afterHost(target: object, then: () => void): boolean {
  const before = pending.get(target);
  if (!before) return false;
  track(target, before.then(then));
  return true;
}

function track(target: object, done: Promise<void>): void {
  pending.set(target, done);
  // A failure is reported by fig.ready() and fig.save: the rejected promise stays, so every later wait reports it.
  done.then(
    () => {
      if (pending.get(target) === done) pending.delete(target);
    },
    () => undefined,
  );
}

/**
 * The default way a built object completes the one returned early: every field it has, except those set on the
 * early object meanwhile (its axes; what the user set, such as a label or visibility). A counter bumped on the
 * early object (`touch()` on a field it did not have) is NaN and is taken from the built object.
 */
export function fillMissing<T extends object>(into: T, built: T): void {
  const early = into as Record<string, unknown>;
  for (const [k, v] of Object.entries(built)) {
    const own = Object.hasOwn(early, k) ? early[k] : undefined;
    if (own === undefined || Number.isNaN(own)) early[k] = v;
  }
}

/**
 * `make(...inputs)` now when no input waits for a GPU; otherwise an object of `make`'s class (`proto`) returned
 * at once and filled with what `make` builds once the inputs are on the host.
 * @example return this.addArtist(deferred(Line.prototype, [x, y], (hx, hy) => new Line(hx, hy, opts, color)));
 */
export function deferred<T extends object, A extends unknown[]>(
  proto: T,
  inputs: [...A],
  make: (...host: A) => T,
  fill: (into: T, built: T) => void = fillMissing,
): T {
  if (!inputs.some(mustWait)) return make(...inputs);
  const out = Object.create(proto) as T;
  whenOnHost(out, inputs, (...host) => fill(out, make(...(host as unknown as A))));
  return out;
}

/**
 * Wait until none of `objects` waits for GPU values; rejects with the first read's or plot call's error.
 * @example await settle(ax.artists())
 */
export async function settle(objects: Iterable<object>): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const o of objects) {
    const p = pending.get(o);
    if (p) waits.push(p);
  }
  await Promise.all(waits);
}

/**
 * Throw when any of `objects` still waits for GPU values: `fn` needs them now.
 * @example assertSettled(this.artists(), 'getXlim')
 */
export function assertSettled(objects: Iterable<object>, fn: string): void {
  if (anyPending(objects)) {
    throw new Error(
      `${fn}: the figure holds GPU tensors whose values are still being read; await fig.ready() first ` +
        '(fig.save and the animation writers do)',
    );
  }
}

/** Whether any of `objects` waits for GPU values. @example if (anyPending(ax.waitables())) … */
export function anyPending(objects: Iterable<object>): boolean {
  for (const o of objects) if (pending.has(o)) return true;
  return false;
}
