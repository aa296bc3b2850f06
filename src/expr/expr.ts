/**
 * @file `expr`: formula text -> a differentiable tensor function, and the tagged-template form
 * that evaluates a formula over interpolated tensors.
 */
import * as gt from '../ops/index.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { broadcastShapes } from '../core/shape.js';
import { variablesOf, type Node } from './ast.js';
import { compile, type Bindings, type OpTable } from './compile.js';
import { derivative, symbolicGradient, symbolicHessian } from './derivative.js';
import { ExprError } from './errors.js';
import { toTeX, toText } from './format.js';
import { FUNCTIONS, type OpName } from './functions.js';
import { parse } from './parser.js';
import { closest, optionsOf } from '../core/suggest.js';

/** Options for {@link expr}. */
export interface ExprOptions {
  /**
   * The variable names the formula may use. Any other name is an ExprError at parse time (with a
   * suggestion), and `f.variables` is this list (sorted) even for names the formula leaves out,
   * so positional calls keep a fixed order. Omit it to take every free name as a variable.
   */
  readonly variables?: readonly string[];
}

/** Values for a call: a tensor, a Variable, a number, a nested array or a typed array. */
export type ExprValue = TensorLike;

/**
 * A parsed formula. Call it with values by name (`f({ x, y })`, extra keys ignored) or by
 * position in `f.variables` order (`f(x, y)`); it returns a Tensor computed by gradtape ops, so
 * it works under GradientTape, `grad` and `hessian`.
 */
export interface ExprFunction {
  (values: Readonly<Record<string, ExprValue>>): Tensor;
  (...values: ExprValue[]): Tensor;
  /** The formula's variable names, sorted; the order for positional calls. */
  readonly variables: readonly string[];
  /** The formula exactly as given. */
  readonly source: string;
  /**
   * The parsed tree (for tools that print or analyse formulas).
   * @internal The AST node types are not exported from the package entry, so this stays out of the API docs.
   */
  readonly ast: Node;
  /** Canonical formula text, e.g. `5*sin(2*x) + x^2`. */
  toString(): string;
  /** LaTeX for legends and titles, e.g. `5\sin(2x) + x^{2}`. */
  toTeX(): string;
  /** The symbolic derivative by a variable (see {@link derivative}), e.g. `10*cos(2*x) + 2*x`. */
  derivative(variable?: string): ExprFunction;
  /** The symbolic partial derivatives, one per variable in `variables` order. */
  gradient(): ExprFunction[];
  /** The symbolic second derivatives: row i, column j is ∂²f/∂vᵢ∂vⱼ. */
  hessian(): ExprFunction[][];
}

/**
 * gradtape's ops by name: the ops layer's exports, checked by tsc against every name a formula can call
 * (`elu` takes one argument in a formula; its `alpha` is a number that a formula cannot pass).
 */
const tensorOps: OpTable<Tensor> = { ...gt, elu: (x) => gt.elu(x) };

/** Every op a formula can call: the op tables' formula functions and the operators' ops (each a gradtape export). */
export const EXPR_OPS: readonly OpName[] = [
  ...new Set<OpName>([...Object.values(FUNCTIONS).map((f) => f.op), 'neg', 'add', 'sub', 'mul', 'div', 'pow']),
];

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'an object';
  return typeof v === 'string' ? `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}` : typeof v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !ArrayBuffer.isView(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Check a value and convert arrays once (a variable used three times is not converted three times). */
function prepare(v: unknown, what: string, source: string): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return gt.tensor(v as never);
  if (v instanceof Tensor || (typeof v === 'object' && v !== null && Symbol.for('gradtape.readValue') in v)) return v;
  throw new TypeError(
    `expr '${source}': ${what} must be a Tensor, Variable, number or array (got ${describeValue(v)})`,
  );
}

function toTensorResult(v: unknown): Tensor {
  return typeof v === 'number' ? gt.scalar(v) : (v as Tensor);
}

/**
 * Parse a formula into a differentiable function of its variables, or (tagged template)
 * evaluate a formula over interpolated values.
 *
 * Language: numbers (`2`, `.5`, `1e-3`), `pi` (or `π`), `e`, variables, `+ - * /`, `^` or `**`
 * (right-associative, tighter than unary minus: `-x^2` is −(x²)), parentheses, the unary ops
 * `sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp expm1 log ln log1p sqrt rsqrt
 * abs sign square reciprocal sigmoid relu softplus elu erf floor ceil round`, and
 * `atan2(y, x) min(a, b) max(a, b) pow(a, b) mod(a, b) heaviside(x, h0)`. No implicit multiplication.
 *
 * The tagged-template form parses the text with each `${value}` as an operand and returns the
 * evaluated Tensor; interpolated tensors and Variables keep their gradients.
 *
 * @throws ExprError (with `column` and `format()`) for a bad formula or a missing value.
 * @example
 * const f = expr('5*sin(2*x) + x^2');
 * f.variables;                     // ['x']
 * f(linspace(-5, 5, 100));         // Tensor [100]
 * f.toTeX();                       // '5\\sin(2x) + x^{2}'
 * grad(f)(scalar(1)).item();       // 10*cos(2) + 2
 * const x = tensor([0, 1]);
 * expr`5*sin(2*${x}) + ${x}^2`;    // Tensor [2], same as f(x)
 */
export function expr(source: string, options?: ExprOptions): ExprFunction;
export function expr(strings: TemplateStringsArray, ...values: ExprValue[]): Tensor;
export function expr(first: string | TemplateStringsArray, ...rest: unknown[]): ExprFunction | Tensor {
  if (typeof first === 'string') {
    const options = rest[0] as ExprOptions | undefined;
    // a misspelt key ({ vars }) is an error, not a formula whose variables are guessed from its text
    if (options !== null && typeof options === 'object') optionsOf(options, 'expr', ['variables']);
    return compileFormula(first, options);
  }
  if (Array.isArray(first) && Array.isArray((first as TemplateStringsArray).raw)) {
    return evaluateTemplate(first as TemplateStringsArray, rest);
  }
  throw new TypeError(`expr: expected a formula string or a tagged template (got ${describeValue(first)})`);
}

/** The broadcast shape and float dtype of the values a function was called with. */
function callShape(values: Iterable<unknown>): { shape: number[]; dtype?: 'float32' | 'float64' } {
  let shape: number[] = [];
  let dtype: 'float32' | 'float64' | undefined;
  for (const v of values) {
    if (typeof v !== 'object' || v === null) continue;
    const t = v as { shape: number[]; dtype: string };
    shape = broadcastShapes(shape, t.shape, 'expr');
    if (t.dtype === 'float64' || (t.dtype === 'float32' && dtype === undefined)) dtype = t.dtype;
  }
  return { shape, dtype };
}

/**
 * @internal A formula made by the library (a derivative): `text` is its canonical text and `tree` its
 * tree, used when the text nests too deeply to parse again. The result takes the inputs' broadcast
 * shape and float dtype even when the formula does not use them all (a derivative like `2` or `2*y`
 * called on a vector x), as the tape's gradient does.
 */
export function formulaFunction(text: string, tree: Node, variables: readonly string[]): ExprFunction {
  let ast = tree;
  try {
    ast = parse(text, { variables }); // with spans, so a missing value is pointed at in the text
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
  }
  return compileFormula(text, { variables, broadcast: true, ast });
}

function compileFormula(source: string, options: ExprOptions & { broadcast?: boolean; ast?: Node } = {}): ExprFunction {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `expr: options must be an object like { variables: ['x', 'y'] } (got ${describeValue(options)})`,
    );
  }
  if (options.variables !== undefined) {
    const ok =
      Array.isArray(options.variables) &&
      options.variables.every((v) => typeof v === 'string' && /^[A-Za-z_π][A-Za-z0-9_]*$/.test(v));
    if (!ok)
      throw new TypeError(
        `expr: options.variables must be an array of identifier names (got ${JSON.stringify(options.variables)})`,
      );
  }
  const ast = options.ast ?? parse(source, { variables: options.variables });
  const used = variablesOf(ast);
  const names = options.variables ? [...new Set(options.variables)].sort() : [...used.keys()];
  const evaluate = compile<Tensor, unknown>(ast, tensorOps);

  const f = (...args: unknown[]): Tensor => {
    const variables = new Map<string, unknown>();
    if (args.length === 1 && isPlainObject(args[0])) {
      const given = args[0];
      for (const name of names) {
        if (!Object.hasOwn(given, name) || given[name] === undefined) {
          if (!used.has(name)) continue;
          // Judge the typo from the passed key's side: 'yy' is a plausible typo of 'y', not vice versa.
          const guess = Object.keys(given).find((k) => !names.includes(k) && closest(k, [name]) === name);
          throw new ExprError(
            `no value given for variable '${name}'`,
            source,
            used.get(name)!,
            guess ? `you passed '${guess}'; did you mean '${name}'?` : `pass it as { ${name}: … }`,
          );
        }
        variables.set(name, prepare(given[name], `the value for variable '${name}'`, source));
      }
    } else {
      if (args.length !== names.length) {
        const first = names.find((n) => used.has(n) && args.length <= names.indexOf(n));
        const expected =
          names.length === 0
            ? 'no values'
            : `${names.length} value${names.length > 1 ? 's' : ''} (${names.join(', ')}, in this order)`;
        const problem = `expects ${expected}, got ${args.length}`;
        if (first !== undefined) {
          throw new ExprError(
            `no value given for variable '${first}'`,
            source,
            used.get(first)!,
            `the formula ${problem}; or pass values by name: f({ ${names.join(', ')} })`,
          );
        }
        throw new TypeError(`expr '${source}': the formula ${problem}`);
      }
      names.forEach((name, i) =>
        variables.set(name, prepare(args[i], `argument ${i + 1} (variable '${name}')`, source)),
      );
    }
    const out = toTensorResult(evaluate({ variables, slots: [] } as Bindings<unknown>));
    if (!options.broadcast) return out;
    const { shape, dtype } = callShape(variables.values());
    const typed = dtype !== undefined && out.dtype !== dtype ? gt.cast(out, dtype) : out;
    return typed.shape.length === shape.length && typed.shape.every((d, i) => d === shape[i])
      ? typed
      : gt.broadcastTo(typed, shape);
  };
  const self = Object.assign(f, {
    variables: Object.freeze(names),
    source,
    ast,
    toString: () => toText(ast),
    toTeX: () => toTeX(ast),
    derivative: (variable?: string) => derivative(self, variable),
    gradient: () => symbolicGradient(self),
    hessian: () => symbolicHessian(self),
  }) as unknown as ExprFunction;
  return self;
}

function evaluateTemplate(strings: TemplateStringsArray, values: unknown[]): Tensor {
  // Each interpolation becomes the operand placeholder ${i}; errors then show the formula as
  // written, with ${0}, ${1} … where the values went.
  const source = strings.map((s, i) => (s ?? strings.raw[i]) + (i < values.length ? `\${${i}}` : '')).join('');
  const ast = parse(source, { slots: true });
  const free = variablesOf(ast);
  if (free.size > 0) {
    const [name, span] = [...free.entries()].sort(([, a], [, b]) => a.start - b.start)[0]!;
    throw new ExprError(
      `unknown variable '${name}'`,
      source,
      span,
      `the template form takes values through \${…}; for a function of ${name} use expr('…') and call it`,
    );
  }
  const slots = values.map((v, i) => prepare(v, `interpolated value \${${i}}`, source));
  return toTensorResult(compile<Tensor, unknown>(ast, tensorOps)({ variables: new Map(), slots }));
}
