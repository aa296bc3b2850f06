/**
 * @file GradientTape: records the primitives applied to watched values and runs them backwards.
 * Backward rules are library ops, so a tape recording while another computes a gradient records that
 * computation too: nesting tapes gives derivatives of any order.
 */
import { state, pausing, checkBackward, type Recorder } from './engine.js';
import type { TapeNode } from './primitive.js';
import { Tensor, describe } from './tensor.js';
import { Variable } from './variable.js';
import { isFloat } from './dtype.js';
import { fmtShape, sameShape } from './shape.js';
import { flatten, findForeign, type Leaf } from './structure.js';
import type { GradientsOf, Sources } from './gradient-types.js';
import { add } from '../primitives/binary.js';
import { cast, reshape } from '../primitives/shape-ops.js';
import { full, zerosLike } from '../primitives/creation-internal.js';
import { stackTensors } from './stack.js';
import { onesSeed, isSharedSeed } from './seed.js';
import { allocStorage } from './storage.js';
import { UNCONNECTED, LEAF, Marks, type LogEntry, claimable, coversAll, reachFrom, needsOf, linkUnconnected, withExtras } from './tape-log.js';

export interface TapeOptions { persistent?: boolean; watchAccessedVariables?: boolean }
export interface GradientOptions {
  /** Cotangents for the targets (same structure and shapes); default: ones. */
  outputGradients?: Sources | null;
  /** What an unconnected source gets: `null` (default) or zeros. */
  unconnectedGradients?: 'none' | 'zero';
}

/**
 * Records operations for automatic differentiation, like `tf.GradientTape`.
 * @example
 * const x = linspace(-5, 5, 100);
 * const tape = new GradientTape();
 * const y = tape.record(() => { tape.watch(x); return add(square(x), 1); });
 * const dydx = tape.gradient(y, x); // 2x
 */
export class GradientTape implements Recorder {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  #log: LogEntry[] = [];
  /** How many LEAF entries the log has: watched values (explicitly, or as Variable reads) not connected already. */
  #leafCount = 0;
  /** A value was watched after a recorded node took it as an unconnected input: `#relink` before backprop. */
  #lateLeaf = false;
  #marks = new Marks();
  /** Each watched Variable and the values of it this tape has seen (one, unless it was assigned meanwhile). */
  #vars: Map<Variable, Tensor[]> | null = null;
  #used = false;
  /** The recorder list with only this tape (lists are replaced, never mutated, so one can be reused). */
  #alone: Recorder[] | null = null;

  constructor(opts?: TapeOptions) {
    if (opts !== undefined && (opts === null || typeof opts !== 'object')) throw new TypeError('GradientTape: options must be an object { persistent?, watchAccessedVariables? }');
    this.persistent = opts?.persistent ?? false;
    this.watchAccessedVariables = opts?.watchAccessedVariables ?? true;
  }

  /** Records the ops run inside `fn` (may be called again to record more) and returns what `fn` returns. */
  record<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw new TypeError(`GradientTape.record: fn must be a function; got ${describe(fn)}`);
    const saved = state.recorders;
    if (saved.includes(this)) return fn();
    // recorders nest (record, pausing and stopRecording each restore what they found), so putting back the
    // saved list equals removing this tape, without a filter pass per recording
    state.recorders = saved.length === 0 ? (this.#alone ??= [this]) : [...saved, this];
    try { return fn(); } finally { state.recorders = saved; }
  }

  /** Watches tensors or Variables (or arrays/objects of them) so gradients can be taken with respect to them. */
  watch(x: unknown): void {
    // fast path for the common single tensor (the tutorial's cells): no structure to walk
    if (x instanceof Tensor) { this.#watchTensor(x); return; }
    const bad = findForeign(x);
    if (bad.length) throw new TypeError(`GradientTape.watch: expected tensors or Variables; got ${describe(bad[0])}`);
    for (const l of flatten(x).leaves) this.#watchTensor(l instanceof Variable ? this.#noteVar(l, peek(l)) : l);
  }

  #watchTensor(t: Tensor): void {
    if (!isFloat(t.dtype)) {
      throw new TypeError(`GradientTape.watch: cannot watch a ${t.dtype} tensor (shape ${fmtShape(t.shape)}): gradients exist only for float32/float64 values — cast it with cast(x, 'float64')`);
    }
    this.#connect(t);
  }

  /** Makes a watched value a leaf; only a value not connected already widens what the tape can reach. */
  #connect(t: Tensor): void {
    if (this.#refOf(t) !== UNCONNECTED) return;
    // an input this tape recorded as UNCONNECTED carries its marks (or, claimed elsewhere, it set the flag already)
    if (t._mark === this.#marks) this.#lateLeaf = true;
    this.#mark(t, this.#log.length);
    this.#log.push(LEAF);
    this.#leafCount++;
  }

  /**
   * Notes that a recorded node took `x` while it was unconnected, by claiming `x` with that reference, so that
   * watching `x` later knows the node must be relinked (`#relink`). If another tape holds `x`, relink anyway.
   */
  #unlinked(x: Tensor): void {
    const owner = x._mark as Marks | null;
    if (claimable(owner)) { x._mark = this.#marks; x._ref = UNCONNECTED; }
    else if (owner !== this.#marks) this.#lateLeaf = true;
  }

  #refOf(t: Tensor): number {
    const m = this.#marks;
    if (t._mark === m) return t._ref;
    if (m.far === null) return UNCONNECTED;
    const r = m.far.get(t.id);
    return r === undefined ? UNCONNECTED : r;
  }

  #mark(t: Tensor, r: number): void {
    const m = this.#marks, owner = t._mark as Marks | null;
    if (owner === m || claimable(owner)) { t._mark = m; t._ref = r; }
    else (m.far ??= new Map()).set(t.id, r);
  }

  /** The Variables this tape has watched, in first-watched order. */
  watchedVariables(): Variable[] { return this.#vars === null ? [] : [...this.#vars.keys()]; }

  /** Whether this tape has watched `v` (explicitly, or because it was read while recording). */
  isWatching(v: Variable): boolean { return this.#vars !== null && this.#vars.has(v); }

  /** Runs `fn` without recording on this tape. */
  stopRecording<T>(fn: () => T): T { return pausing([this], fn); }

  /** Forgets everything recorded and watched. */
  reset(): void { this.#forget(); this.#marks = new Marks(); this.#vars = null; this.#used = false; }

  /** Drops the recording and gives up its tensors. */
  #forget(): void {
    this.#log = []; this.#leafCount = 0; this.#lateLeaf = false;
    this.#marks.live = false; this.#marks.far = null;
  }

  /** @internal */
  consider(node: TapeNode): void {
    const ins = node.inputs, log = this.#log;
    // the usual one and two inputs without a second pass
    if (ins.length === 1) {
      const r = this.#refOf(ins[0]);
      if (r === UNCONNECTED) return;
      log.push(r);
    } else if (ins.length === 2) {
      const r0 = this.#refOf(ins[0]), r1 = this.#refOf(ins[1]);
      if (r0 === UNCONNECTED && r1 === UNCONNECTED) return;
      if (r0 === UNCONNECTED) this.#unlinked(ins[0]); else if (r1 === UNCONNECTED) this.#unlinked(ins[1]);
      log.push(r0, r1);
    } else {
      if (!ins.some((x) => this.#refOf(x) !== UNCONNECTED)) return;
      for (let i = 0; i < ins.length; i++) {
        const r = this.#refOf(ins[i]);
        if (r === UNCONNECTED) this.#unlinked(ins[i]);
        log.push(r);
      }
    }
    this.#mark(node.out, log.length);
    log.push(node);
  }

  /** @internal */
  variableRead(v: object, value: Tensor, trainable: boolean): void {
    if (!this.watchAccessedVariables || !trainable || !isFloat(value.dtype)) return;
    this.#noteVar(v as Variable, value);
    this.#connect(value);
  }

  #noteVar(v: Variable, value: Tensor): Tensor {
    const vars = (this.#vars ??= new Map());
    const seen = vars.get(v);
    if (seen === undefined) vars.set(v, [value]);
    else if (!seen.includes(value)) seen.push(value);
    return value;
  }

  /**
   * Gradients of `target` (summed if not scalar; may be an array of targets) with respect to `sources`
   * (a tensor, Variable, or any nesting of arrays/objects of them); the result has the same structure, with
   * `null` for a source the target does not depend on (zeros with `unconnectedGradients: 'zero'`).
   * @example const [dw, db] = tape.gradient(loss, [w, b]); // Tensor | null each
   */
  gradient<const S extends Sources>(target: Sources, sources: S,
    opts: GradientOptions & { unconnectedGradients: 'zero' }): GradientsOf<S, Tensor>;
  gradient<const S extends Sources>(target: Sources, sources: S, opts?: GradientOptions): GradientsOf<S>;
  gradient(target: Sources, sources: Sources, opts?: GradientOptions): unknown {
    this.#checkUsable('gradient', opts);
    const targets = this.#targets(target, 'gradient');
    const seeds = this.#seeds(targets, opts?.outputGradients);
    const { leaves, rebuild } = this.#sources(sources, 'gradient');
    const result = this.#grads(targets, seeds, leaves, opts?.unconnectedGradients ?? 'none', true);
    this.#release();
    return rebuild(result);
  }

  /**
   * The Jacobian of `target` with respect to each source: shape `[...target.shape, ...source.shape]`.
   * @example tape.jacobian(y, x)
   */
  jacobian<const S extends Sources>(target: Tensor, sources: S,
    opts: { unconnectedGradients: 'zero' }): GradientsOf<S, Tensor>;
  jacobian<const S extends Sources>(target: Tensor, sources: S,
    opts?: { unconnectedGradients?: 'none' | 'zero' }): GradientsOf<S>;
  jacobian(target: Tensor, sources: Sources, opts: { unconnectedGradients?: 'none' | 'zero' } = {}): unknown {
    this.#checkUsable('jacobian', opts);
    const [t] = this.#targets(target, 'jacobian');
    const { leaves, rebuild } = this.#sources(sources, 'jacobian');
    const rows: (Tensor | null)[][] = [];
    for (let j = 0; j < t.size; j++) {
      const seed = full(t.shape, 0, t.dtype);
      seed._data[j] = 1;
      rows.push(this.#grads([t], [seed], leaves, 'none', j === 0));
    }
    const out = leaves.map((leaf, k) => {
      const src = valueOf(leaf);
      if (t.size === 0) return full([...t.shape, ...src.shape], 0, src.dtype);
      // null only when no output element reaches this source (as TF); a row that does not reach it is zeros
      if (rows.every((r) => r[k] === null)) return opts.unconnectedGradients === 'zero' ? full([...t.shape, ...src.shape], 0, src.dtype) : null;
      return reshape(stackTensors(rows.map((r) => r[k] ?? full(src.shape, 0, src.dtype))), [...t.shape, ...src.shape]);
    });
    this.#release();
    return rebuild(out);
  }

  /**
   * Per-example Jacobian for targets `[batch, ...]` with respect to a source `[batch, ...]` whose examples are
   * independent: shape `[batch, ...target.shape.slice(1), ...source.shape.slice(1)]`.
   */
  batchJacobian(target: Tensor, source: Tensor | Variable, opts: { unconnectedGradients?: 'none' | 'zero' } = {}): Tensor | null {
    this.#checkUsable('batchJacobian', opts);
    const [t] = this.#targets(target, 'batchJacobian');
    const { leaves } = this.#sources(source, 'batchJacobian');
    const src = valueOf(leaves[0]);
    if (t.rank < 1 || src.rank < 1 || t.shape[0] !== src.shape[0]) {
      throw new Error(`GradientTape.batchJacobian: target ${fmtShape(t.shape)} and source ${fmtShape(src.shape)} must share their first (batch) dimension`);
    }
    const b = t.shape[0], inner = t.size / Math.max(b, 1);
    const rows: Tensor[] = [];
    let connected = false;
    for (let j = 0; j < inner; j++) {
      const seed = full(t.shape, 0, t.dtype);
      for (let i = 0; i < b; i++) seed._data[i * inner + j] = 1;
      const [g] = this.#grads([t], [seed], leaves, 'none', j === 0);
      rows.push(g ?? full(src.shape, 0, src.dtype));
      if (g !== null) connected = true;
    }
    this.#release();
    if (rows.length === 0) return full([...t.shape, ...src.shape.slice(1)], 0, src.dtype);
    if (!connected) return opts.unconnectedGradients === 'zero' ? full([...t.shape, ...src.shape.slice(1)], 0, src.dtype) : null;
    return reshape(stackTensors(rows, 1), [...t.shape, ...src.shape.slice(1)]);
  }

  /** A non-persistent tape drops its recording after one use, so memory is freed early. */
  #release(): void {
    if (!this.persistent) { this.#used = true; this.#forget(); }
  }

  #checkUsable(what: string, opts?: { unconnectedGradients?: unknown }): void {
    const u = opts?.unconnectedGradients;
    if (u !== undefined && u !== 'none' && u !== 'zero') {
      throw new TypeError(`GradientTape.${what}: unconnectedGradients must be 'none' or 'zero'; got ${JSON.stringify(u)}`);
    }
    if (this.#used && !this.persistent) {
      throw new Error(`GradientTape.${what}: this tape is not persistent and its resources were released by the first gradient() call. ` +
        'Create it with new GradientTape({ persistent: true }) to compute several gradients from one recording.');
    }
  }

  #targets(target: unknown, what: string): Tensor[] {
    if (target instanceof Tensor) {
      if (!isFloat(target.dtype)) throw new TypeError(`GradientTape.${what}: target has dtype ${target.dtype}; only float targets have gradients`);
      return [target];
    }
    const { leaves } = flatten(target);
    if (leaves.length === 0 || findForeign(target).length) throw new TypeError(`GradientTape.${what}: target must be a tensor (or an array of tensors); got ${describe(target)}`);
    const ts = leaves.map((l) => valueOf(l));
    for (const t of ts) {
      if (!isFloat(t.dtype)) throw new TypeError(`GradientTape.${what}: target has dtype ${t.dtype}; only float targets have gradients`);
    }
    return ts;
  }

  #seeds(targets: Tensor[], given: unknown): Tensor[] {
    if (given === undefined || given === null) return targets.length === 1 ? [onesSeed(targets[0])] : targets.map(onesSeed);
    const { leaves } = flatten(given);
    if (leaves.length !== targets.length) throw new Error(`GradientTape.gradient: outputGradients must match the targets (${targets.length} tensor(s)); got ${leaves.length}`);
    return leaves.map((g, i) => {
      const t = valueOf(g);
      if (!sameShape(t.shape, targets[i].shape)) throw new Error(`GradientTape.gradient: outputGradients[${i}] has shape ${fmtShape(t.shape)} but its target has shape ${fmtShape(targets[i].shape)}`);
      return t;
    });
  }

  #sources(sources: unknown, what: string): { leaves: Leaf[]; rebuild: <T>(v: T[]) => unknown } {
    // fast paths: one tensor/Variable, or a flat array of them, need no structure walk
    const simple = sources instanceof Tensor || sources instanceof Variable;
    const flat = !simple && Array.isArray(sources) && sources.every(isLeaf);
    const bad = simple || flat ? NONE : findForeign(sources);
    if (bad.length) throw new TypeError(`GradientTape.${what}: sources must be tensors or Variables (or arrays/objects of them); got ${describe(bad[0])}`);
    // a flat array is read, never kept or changed, and the gradients come back in a fresh array: no copies
    const f = simple ? { leaves: [sources as Leaf], rebuild: first } : flat ? { leaves: sources as Leaf[], rebuild: same } : flatten(sources);
    for (const l of f.leaves) {
      const t = l instanceof Variable ? peek(l) : l;
      if (!isFloat(t.dtype)) {
        const name = l instanceof Variable ? `Variable '${l.name}'` : `a ${t.dtype} tensor of shape ${fmtShape(t.shape)}`;
        throw new TypeError(`GradientTape.${what}: cannot differentiate with respect to ${name}: gradients exist only for float32/float64 values (cast it with cast(x, 'float64') before recording)`);
      }
    }
    return f;
  }

  /** Backpropagates `seeds` from `targets` and returns the gradient of each source leaf. */
  #grads(targets: Tensor[], seeds: Tensor[], leaves: Leaf[], unconnected: 'none' | 'zero', warn: boolean): (Tensor | null)[] {
    // the references of what each source stands for (a tensor, or the values of a Variable this tape saw). A
    // source the tape never connected still gets a gradient, as in TF, through any recorded op that took it
    // (and as its own seed when it is a target): such sources get slots after the log's.
    const srcRefs: number[] = [];
    let extras: Tensor[] | null = null;
    for (let k = 0; k < leaves.length; k++) {
      const l = leaves[k];
      if (l instanceof Tensor) {
        const r = this.#refOf(l);
        srcRefs.push(r !== UNCONNECTED ? r : this.#log.length + slotIn((extras ??= []), l));
      } else {
        // a Variable's values are watched when read: always connected
        const ts = this.#valuesOf(l);
        for (let i = 0; i < ts.length; i++) srcRefs.push(this.#refOf(ts[i]));
      }
    }
    // pausing([this], …) inlined: this runs once per gradient() and the closure showed in profiles
    const saved = state.recorders;
    state.recorders = saved.length === 0 ? saved : saved.filter((r) => r !== this);
    let cots: (Tensor | undefined)[];
    try { cots = this.#backprop(targets, seeds, srcRefs, extras); } finally { state.recorders = saved; }
    const out = new Array<Tensor | null>(leaves.length);
    for (let k = 0, at = 0; k < leaves.length; k++) {
      const leaf = leaves[k];
      let g: Tensor | null = null, v: Tensor;
      if (leaf instanceof Tensor) {
        v = leaf;
        g = cots[srcRefs[at++]] ?? null;
      } else {
        v = peek(leaf);
        const ts = this.#valuesOf(leaf);
        for (let i = 0; i < ts.length; i++) { const c = cots[srcRefs[at++]]; if (c) g = g ? add(g, c) : c; }
      }
      if (g && g.dtype !== v.dtype) g = cast(g, v.dtype);
      if (!g && warn) this.#explainNull(leaf);
      // the shared default seed reaches a source unchanged through identity-like rules (y = x + 1): hand out a copy
      if (g !== null && isSharedSeed(g)) g = copyOf(g);
      out[k] = g ?? (unconnected === 'zero' ? zerosLike(v) : null);
    }
    return out;
  }

  /** The values of `v` this tape has seen. */
  #valuesOf(v: Variable): readonly Tensor[] { return this.#vars?.get(v) ?? NO_TENSORS; }

  /**
   * Runs the recording backwards; the cotangent of what log position r refers to ends in slot r, and that of
   * `extras[j]` (sources the tape never connected) in slot log.length + j.
   */
  #backprop(targets: Tensor[], seeds: Tensor[], srcRefs: number[], extras: Tensor[] | null): (Tensor | undefined)[] {
    if (this.#lateLeaf) this.#relink();
    const log = extras === null ? this.#log : withExtras(this.#log, extras), size = log.length + (extras?.length ?? 0);
    // what the sources reach: everything recorded when they include every watched leaf, else a forward walk
    const reach = coversAll(srcRefs, log, this.#leafCount) ? null : reachFrom(srcRefs, log, size);
    const cots = new Array<Tensor | undefined>(size);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i], j = extras === null ? -1 : extras.indexOf(t), r = j >= 0 ? log.length + j : this.#refOf(t);
      if (r === UNCONNECTED || !isFloat(t.dtype) || (reach !== null && reach[r] === 0)) continue;
      const prev = cots[r];
      cots[r] = prev ? add(prev, seeds[i]) : seeds[i];
    }
    // a node that is a source keeps its cotangent; any other's is dropped once used (memory of long chains)
    let keepSome = false;
    for (let i = 0; i < srcRefs.length; i++) if (srcRefs[i] >= 0 && log[srcRefs[i]] !== LEAF) keepSome = true;
    for (let p = log.length - 1; p >= 0; p--) {
      const e = log[p];
      if (e === LEAF) continue;
      const node = e as TapeNode, ins = node.inputs, off = p - ins.length;
      const g = cots[p];
      if (g !== undefined) {
        if (!keepSome || !srcRefs.includes(p)) cots[p] = undefined;
        const needs = needsOf(ins, log, off, reach);
        if (needs !== null) this.#pullBack(node, g, needs, log, off, cots);
      }
      p = off; // past the node's input references
    }
    return cots;
  }

  /**
   * Points the input references recorded as UNCONNECTED at what those inputs are now: a value watched after an
   * op used it still gets its gradient through that op, as in TF (the op was recorded for another input).
   */
  #relink(): void {
    linkUnconnected(this.#log, (x) => this.#refOf(x));
    this.#lateLeaf = false;
  }

  /** Runs one node's VJP and adds each input's share into its slot. */
  #pullBack(node: TapeNode, g: Tensor, needs: boolean[], log: LogEntry[], off: number, cots: (Tensor | undefined)[]): void {
    const ins = node.inputs;
    let grads: (Tensor | null)[];
    if (state.anomaly) {
      // a rule's intermediates may be Inf (sqrt'(0)) and still yield a finite gradient (zero cotangent):
      // judge the rule by its result, and blame the primitive being differentiated, not its helpers
      const saved = state.anomaly;
      state.anomaly = 0;
      try { grads = node.def.vjp(g, ins, node.out, node.params, needs); } finally { state.anomaly = saved; }
      checkBackward(node.def.name, g, grads, ins);
    } else grads = node.def.vjp(g, ins, node.out, node.params, needs);
    for (let k = 0; k < ins.length; k++) {
      const dx = grads[k];
      if (!needs[k] || !dx) continue;
      const x = ins[k];
      if (!sameShape(dx.shape, x.shape)) {
        throw new Error(`GradientTape: the gradient rule of '${node.def.name}' returned shape ${fmtShape(dx.shape)} for input ${k} of shape ${fmtShape(x.shape)} (a bug in that rule)`);
      }
      const r = log[off + k] as number;
      const prev = cots[r];
      cots[r] = prev ? add(prev, dx) : dx;
    }
  }

  #explainNull(leaf: Leaf): void {
    if (leaf instanceof Variable) {
      if (!this.#vars?.has(leaf)) {
        console.warn(`GradientTape.gradient: Variable '${leaf.name}' was not read while this tape recorded${this.watchAccessedVariables ? '' : ' (watchAccessedVariables is false: call tape.watch(v))'}; its gradient is null`);
      }
      return;
    }
    if (this.#refOf(leaf) === UNCONNECTED) {
      console.warn(`GradientTape.gradient: a source (Tensor ${fmtShape(leaf.shape)} ${leaf.dtype}) was never watched, so its gradient is null: ` +
        'call tape.watch(x) inside tape.record(), or make it a Variable');
    }
  }
}

const NONE: unknown[] = [];
const first = <T>(v: T[]): any => v[0];
const same = <T>(v: T[]): any => v;
const isLeaf = (l: unknown): boolean => l instanceof Tensor || l instanceof Variable;
const NO_TENSORS: readonly Tensor[] = [];

/** The index of `t` in `list`, appending it if absent. */
const slotIn = (list: Tensor[], t: Tensor): number => { const j = list.indexOf(t); return j >= 0 ? j : list.push(t) - 1; };

/** A copy with its own storage (`TypedArray.slice` costs several times a pooled copy). */
const copyOf = (t: Tensor): Tensor => {
  const data = allocStorage(t.dtype, t.size);
  data.set(t._data as any);
  return new Tensor(data, t.shape, t.dtype);
};

/** A Variable's current value without notifying tapes (with none recording, a plain read notifies nobody). */
const peek = (v: Variable): Tensor => (state.recorders.length === 0 ? v.value() : pausing(state.recorders, () => v.value()));
const valueOf = (l: Leaf): Tensor => (l instanceof Variable ? peek(l) : l);
