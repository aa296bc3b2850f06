/**
 * @file What `GradientTape.gradient` and its siblings accept, checked and normalised: targets, their seeds, and
 * sources (tensors, Variables, or any nesting of arrays/objects of them) flattened to leaves.
 */
import { state, pausing } from '../core/engine.js';
import { Tensor, describe } from '../core/tensor.js';
import { optionsOf } from '../core/suggest.js';
import { Variable } from '../core/variable.js';
import { isFloat } from '../core/dtype.js';
import { fmtShape, sameShape } from '../core/shape.js';
import { flatten, findForeign, type Leaf } from '../core/structure.js';
import { onesSeed } from '../core/seed.js';

/** The targets of a gradient, checked: a tensor, or an array/structure of them, all float. */
export function targetsOf(target: unknown, what: string): Tensor[] {
  const ts = target instanceof Tensor ? [target] : flatten(target).leaves.map(valueOf);
  if (ts.length === 0 || (!(target instanceof Tensor) && findForeign(target).length)) {
    throw new TypeError(
      `GradientTape.${what}: target must be a tensor (or an array of tensors); got ${describe(target)}`,
    );
  }
  for (const t of ts) checkTarget(t, what);
  return ts;
}

/** A target is float: only float targets have gradients. */
export function checkTarget(t: Tensor, what: string): void {
  if (!isFloat(t.dtype))
    throw new TypeError(`GradientTape.${what}: target has dtype ${t.dtype}; only float targets have gradients`);
}

/** The cotangents to start from: ones like each target, or the `outputGradients` given (checked). */
export function seedsFor(targets: Tensor[], given: unknown): Tensor[] {
  if (given === undefined || given === null)
    return targets.length === 1 ? [onesSeed(targets[0])] : targets.map(onesSeed);
  const { leaves } = flatten(given);
  if (leaves.length !== targets.length)
    throw new Error(
      `GradientTape.gradient: outputGradients must match the targets (${targets.length} tensor(s)); got ${leaves.length}`,
    );
  return leaves.map((g, i) => {
    const t = valueOf(g);
    if (!sameShape(t.shape, targets[i].shape))
      throw new Error(
        `GradientTape.gradient: outputGradients[${i}] has shape ${fmtShape(t.shape)} but its target has shape ${fmtShape(targets[i].shape)}`,
      );
    return t;
  });
}

/** The sources of a gradient as a flat list of float leaves, and how to rebuild their structure from results. */
export function sourcesOf(sources: unknown, what: string): { leaves: Leaf[]; rebuild: <T>(v: T[]) => unknown } {
  // one tensor/Variable, or a flat array of them, needs no structure walk (and the array is only read)
  const simple = sources instanceof Tensor || sources instanceof Variable;
  const flat = !simple && Array.isArray(sources) && sources.every(isLeaf);
  const bad = simple || flat ? NONE : findForeign(sources);
  if (bad.length)
    throw new TypeError(
      `GradientTape.${what}: sources must be tensors or Variables (or arrays/objects of them); got ${describe(bad[0])}`,
    );
  const f = simple
    ? { leaves: [sources as Leaf], rebuild: first }
    : flat
      ? { leaves: sources as Leaf[], rebuild: same }
      : flatten(sources);
  for (const l of f.leaves) checkSource(l, what);
  return f;
}

/** A source is float: gradients exist only for float values. */
export function checkSource(l: Leaf, what: string): void {
  const t = valueOf(l);
  if (!isFloat(t.dtype)) {
    const name = l instanceof Variable ? `Variable '${l.name}'` : `a ${t.dtype} tensor of shape ${fmtShape(t.shape)}`;
    throw new TypeError(
      `GradientTape.${what}: cannot differentiate with respect to ${name}: gradients exist only for float32/float64 values (cast it with cast(x, 'float64') before recording)`,
    );
  }
}

/**
 * Says why a source's gradient is null when the likely cause is a missing watch: a Variable the tape never saw
 * read, or a tensor never watched (`seen` tells which the tape knows of it). Otherwise null is the answer.
 */
export function warnNullGradient(leaf: Leaf, seen: boolean, watchAccessedVariables: boolean): void {
  if (seen) return;
  if (leaf instanceof Variable)
    console.warn(
      `GradientTape.gradient: Variable '${leaf.name}' was not read while this tape recorded${watchAccessedVariables ? '' : ' (watchAccessedVariables is false: call tape.watch(v))'}; its gradient is null`,
    );
  else
    console.warn(
      `GradientTape.gradient: a source (Tensor ${fmtShape(leaf.shape)} ${leaf.dtype}) was never watched, so its gradient is null: ` +
        'call tape.watch(x) inside tape.record(), or make it a Variable',
    );
}

/** Checks `new GradientTape(opts)`'s argument. */
export function checkTapeOptions(opts: unknown): void {
  if (opts === null)
    throw new TypeError('GradientTape: options must be an object { persistent?, watchAccessedVariables? }');
  if (opts !== undefined) optionsOf(opts as object, 'GradientTape', ['persistent', 'watchAccessedVariables']);
}

export function checkRecordFn(fn: unknown, method = 'record'): void {
  if (typeof fn !== 'function')
    throw new TypeError(`GradientTape.${method}: fn must be a function; got ${describe(fn)}`);
}

/**
 * What `record(fn)` returns, unless `fn` was async: the tape records only while fn runs synchronously, so the
 * explanation replaces the Promise (whose own rejection is then not reported).
 */
export function notAPromise<T>(out: T): T {
  if (!isThenable(out)) return out;
  out.then(undefined, () => {});
  throw new TypeError(
    'GradientTape.record: fn returned a Promise (an async function?). The tape records only while fn ' +
      'runs synchronously, so ops after an await would not be recorded: await outside record, then record the math, ' +
      'e.g. const v = await load(); const y = tape.record(() => f(v));',
  );
}

/** Only float values have gradients, so only they can be watched. */
export function checkWatchable(t: Tensor): void {
  if (!isFloat(t.dtype))
    throw new TypeError(
      `GradientTape.watch: cannot watch a ${t.dtype} tensor (shape ${fmtShape(t.shape)}): gradients exist only for float32/float64 values — cast it with cast(x, 'float64')`,
    );
}

/** `batchJacobian`'s target and source share their first (batch) dimension. */
export function checkBatches(t: Tensor, src: Tensor): void {
  if (t.rank < 1 || src.rank < 1 || t.shape[0] !== src.shape[0])
    throw new Error(
      `GradientTape.batchJacobian: target ${fmtShape(t.shape)} and source ${fmtShape(src.shape)} must share their first (batch) dimension`,
    );
}

/** Checks the `unconnectedGradients` option: a misspelt one would otherwise be a silent null. */
export function checkOptions(
  fn: string,
  opts?: { unconnectedGradients?: unknown } | null,
  known: readonly string[] = ['unconnectedGradients'],
): void {
  if (opts === undefined || opts === null) return; // the usual call: nothing to check
  optionsOf(opts, fn, known);
  const u = opts.unconnectedGradients;
  if (u !== undefined && u !== 'none' && u !== 'zero')
    throw new TypeError(`${fn}: unconnectedGradients must be 'none' or 'zero'; got ${JSON.stringify(u)}`);
}

const NONE: unknown[] = [];
const first = <T>(v: T[]): any => v[0];
const same = <T>(v: T[]): any => v;
const isLeaf = (l: unknown): boolean => l instanceof Tensor || l instanceof Variable;

/** A Variable's current value without notifying tapes (with none recording, a plain read notifies nobody). */
export const peek = (v: Variable): Tensor =>
  state.recorders.length === 0 ? v.value() : pausing(state.recorders, () => v.value());
/** The tensor a leaf stands for now. */
export const valueOf = (l: Leaf): Tensor => (l instanceof Variable ? peek(l) : l);

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') &&
  v !== null &&
  typeof (v as { then?: unknown }).then === 'function';
