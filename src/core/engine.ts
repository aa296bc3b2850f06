/**
 * @file The engine: `bind` runs a primitive's kernel and lets every active tape and forward accumulator
 * see it. Kept tiny because every op in the library passes through it.
 */
import type { PrimitiveDef, TapeNode } from './primitive.js';
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';
import { state } from './state.js';
import { currentDevice, type Device } from './device.js';
import { checkForward, checkTangent } from './anomaly.js';

// the engine is where ops meet the recording state: re-exported so callers have one place to import from
export { state, pausing, type Recorder, type Accumulator, type Tracer } from './state.js';
export { detectAnomaly, AnomalyError, checkBackward } from './anomaly.js';

/** Runs primitive `def` on `inputs` and records it. */
export function bind<P>(def: PrimitiveDef<P>, inputs: Tensor[], params: P): Tensor {
  const dev = currentDevice();
  for (let i = 0; i < inputs.length; i++) if (inputs[i]._device !== dev) mixedDevices(def.name, inputs[i], dev);
  const out = def.impl(inputs, params);
  if (state.anomaly !== 0) checkForward(def.name, inputs, out);
  if (state.tracer !== null) state.tracer(def, inputs, out, params);
  const rs = state.recorders;
  if (rs.length !== 0) {
    const node: TapeNode = { def, inputs, out, params };
    for (let i = 0; i < rs.length; i++) rs[i].consider(node);
  }
  if (state.accumulators.length !== 0) pushTangents(def, inputs, out, params);
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

function pushTangents<P>(def: PrimitiveDef<P>, inputs: Tensor[], out: Tensor, params: P): void {
  // Each accumulator computes its tangent with itself paused (its own jvp ops must not feed back into it),
  // while outer accumulators and tapes keep watching: that is what makes nested forward mode work.
  const accs = state.accumulators.slice();
  for (const acc of accs) {
    let any = false;
    const tangents = inputs.map((x) => {
      const t = acc.tangentOf(x);
      if (t) any = true;
      return t;
    });
    if (!any) continue;
    const idx = state.accumulators.indexOf(acc);
    state.accumulators.splice(idx, 1);
    const anomaly = state.anomaly;
    // like the tape's VJPs, a JVP rule is judged by its result, not by its intermediates (sqrt'(0) = Inf)
    state.anomaly = 0;
    try {
      const dt = def.jvp(tangents, inputs, out, params);
      if (dt && (dt.shape.length !== out.shape.length || dt.shape.some((d, i) => d !== out.shape[i]))) {
        throw new Error(
          `ForwardAccumulator: the tangent rule of '${def.name}' returned shape ${fmtShape(dt.shape)} for an output of shape ${fmtShape(out.shape)} (a bug in that rule)`,
        );
      }
      if (anomaly !== 0 && dt) checkTangent(def.name, tangents, dt, inputs);
      if (dt) acc.setTangent(out, dt);
    } finally {
      state.anomaly = anomaly;
      state.accumulators.splice(idx, 0, acc);
    }
  }
}
