/** @file Variable: a mutable, named holder of a tensor, read by ops and watched by tapes automatically. */
import { READ_VALUE, Tensor, fromHost, toTensor, type TensorHolder, type TensorLike } from './tensor.js';
import { optionsOf } from './suggest.js';
import { checkDType, type DType, type TypedArray } from './dtype.js';
import { fmtShape, sameShape } from './shape.js';
import { tensorMimeBundle } from './format-html.js';
import { state, pausing } from './engine.js';

let unnamed = 0;

export interface VariableOptions {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
}

/**
 * A mutable tensor holder, like `tf.Variable`. Every op accepts it where a tensor goes; a tape that is
 * recording watches a trainable Variable as soon as an op reads it.
 * @example
 * const x = new Variable(2.0, { name: 'x' });
 * const tape = new GradientTape();
 * const y = tape.record(() => square(x));
 * tape.gradient(y, x); // → 4
 */
export class Variable implements TensorHolder {
  readonly name: string;
  readonly trainable: boolean;
  #value: Tensor;

  constructor(initial: TensorLike, opts: VariableOptions = {}) {
    if (opts === null || typeof opts !== 'object')
      throw new TypeError('Variable: options must be an object { name?, trainable?, dtype? }');
    optionsOf(opts, 'Variable', ['name', 'trainable', 'dtype']);
    const dtype = opts.dtype === undefined ? undefined : checkDType(opts.dtype, 'Variable', 'options.dtype');
    if (opts.name !== undefined && typeof opts.name !== 'string')
      throw new TypeError(`Variable: options.name must be a string; got ${typeof opts.name}`);
    if (initial instanceof Variable) initial = initial.#value;
    this.#value = fresh(toTensor(initial, 'Variable', 'initial', dtype));
    this.name = opts.name ?? `Variable:${unnamed++}`;
    this.trainable = opts.trainable ?? true;
  }

  get shape(): number[] {
    return this.#value.shape;
  }
  get dtype(): DType {
    return this.#value.dtype;
  }
  get size(): number {
    return this.#value.size;
  }
  get rank(): number {
    return this.#value.rank;
  }

  /** The current value (reading it inside `tape.record` watches this Variable). */
  value(): Tensor {
    return this[READ_VALUE]();
  }

  /** @internal How ops read the Variable: tells recording tapes about the read. */
  [READ_VALUE](): Tensor {
    const rs = state.recorders;
    for (let i = 0; i < rs.length; i++) rs[i].variableRead(this, this.#value, this.trainable);
    return this.#value;
  }

  /** Replaces the value; shape and dtype must stay the same. Returns this Variable. @example v.assign([1, 2]) */
  assign(x: TensorLike): this {
    const t = toTensor(x instanceof Variable ? x.#value : x, `Variable.assign (${this.name})`, 'value', this.dtype);
    if (!sameShape(t.shape, this.shape)) {
      throw new Error(
        `Variable.assign: '${this.name}' has shape ${fmtShape(this.shape)}; cannot assign a value of shape ${fmtShape(t.shape)}`,
      );
    }
    if (x instanceof Tensor && x.dtype !== this.dtype) {
      throw new TypeError(
        `Variable.assign: '${this.name}' has dtype ${this.dtype}; cannot assign a ${x.dtype} tensor (cast it first)`,
      );
    }
    this.#value = fresh(t);
    return this;
  }

  /**
   * @internal Takes ownership of `data` (this Variable's dtype and size) as its new value, with no copy and no
   * checks beyond the length: the optimizers' write path, which computed `data` from this Variable's own values.
   */
  _assignData(data: TypedArray): void {
    if (data.length !== this.#value.size)
      throw new Error(`Variable._assignData: '${this.name}' holds ${this.#value.size} values; got ${data.length}`);
    // on the variable's own device, whichever is active (an optimizer's host path updates CPU variables)
    this.#value = fromHost(data, this.#value.shape, this.#value.dtype, this.#value._device);
  }

  /**
   * @internal `assignAdd`/`assignSub` (installed by `ops/methods.ts`, which owns the arithmetic): the value becomes
   * `op(value, delta)`, computed with no tape recording it, and must keep its shape; it keeps its dtype.
   */
  _update(x: TensorLike, sign: 1 | -1, op: (a: Tensor, b: Tensor) => Tensor): this {
    const t = toTensor(
      x instanceof Variable ? x.#value : x,
      sign > 0 ? 'Variable.assignAdd' : 'Variable.assignSub',
      'delta',
    );
    const cur = this.#value;
    const next = pausing(state.recorders, () => op(cur, t));
    if (!sameShape(next.shape, cur.shape)) {
      throw new Error(
        `Variable.${sign > 0 ? 'assignAdd' : 'assignSub'}: '${this.name}' has shape ${fmtShape(cur.shape)}; the delta of shape ${fmtShape(t.shape)} would change it to ${fmtShape(next.shape)}`,
      );
    }
    this.#value = fresh(next.dtype === cur.dtype ? next : toTensor(next, 'Variable', 'value', cur.dtype));
    return this;
  }

  toString(): string {
    return `Variable '${this.name}' ${this.#value.toString()}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  /** Rich display in a notebook: the current value's bundle, its text naming the Variable (see Tensor's). */
  [Symbol.for('Jupyter.display')](): Record<string, string> {
    return { ...tensorMimeBundle(this.#value), 'text/plain': this.toString() };
  }
}

/** A copy-free tensor with a new identity, so a new value is never confused with an old one by a tape. */
const fresh = (t: Tensor): Tensor => t._alias();

export const isVariable = (x: unknown): x is Variable => x instanceof Variable;
