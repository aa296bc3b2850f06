/**
 * @file The engine: `bind` runs a primitive's kernel and shows the application to whatever watches ops — the jit
 * tracer, every recording tape and every forward accumulator. Kept tiny because every op passes through it.
 */
import type { PrimitiveDef, TapeNode } from './primitive.js';
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';
import { state } from './state.js';
import { currentDevice, devicesSwitched, type Device } from './device.js';
import { checkForward } from './anomaly.js';

// the engine is where ops meet the recording state: re-exported so callers have one place to import from
export { state, pausing, type Recorder, type Accumulator, type Tracer } from './state.js';
export { detectAnomaly, AnomalyError, checkBackward, checkTangent } from './anomaly.js';

/** Runs primitive `def` on `inputs` and records it. */
export function bind<P>(def: PrimitiveDef<P>, inputs: Tensor[], params: P): Tensor {
  if (devicesSwitched) {
    const dev = currentDevice();
    for (let i = 0; i < inputs.length; i++) if (inputs[i]._device !== dev) mixedDevices(def.name, inputs[i], dev);
  }
  const out = def.impl(inputs, params);
  if (state.anomaly !== 0) checkForward(def.name, inputs, out);
  if (state.tracer !== null) state.tracer(def, inputs, out, params);
  const rs = state.recorders;
  if (rs.length !== 0) {
    const node: TapeNode = { def, inputs, out, params };
    for (let i = 0; i < rs.length; i++) rs[i].consider(node);
  }
  // lists are replaced, never changed, so this one stays as it is while accumulators run their rules
  const accs = state.accumulators;
  for (let i = 0; i < accs.length; i++) accs[i].pushForward(def, inputs, out, params);
  return out;
}

/**
 * An input made on another backend than the active one. Moving it silently would cut it off from any tape that
 * watches it (and a GPU tensor cannot be read synchronously), so the user moves it, knowingly.
 */
function mixedDevices(op: string, x: Tensor, dev: Device): never {
  throw new Error(
    `${op}: an input (${fmtShape(x.shape)} ${x.dtype}) lives on the '${x._device.name}' backend but ops now run on '${dev.name}'; ` +
      `make it again after setBackend('${dev.name}'), e.g. tensor(await x.data())`,
  );
}
