/**
 * @file `gradtape grad`: value, gradient and Hessian of a formula at a point. The variables are
 * packed into one vector so `valueAndGrad` and `hessian` see a function of a single tensor; the
 * numbers are the tape's, printed beside the symbolic derivatives' formulas (which equal them).
 */
import { hessian, reshape, slice, tensor, valueAndGrad, type Tensor } from '../../index.js';
import { derivativeLabel, expr, type DerivativeLabel } from '../../expr/index.js';
import { parseAssignments, takeFormula, type Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import { closest } from '../../expr/index.js';
import { fmt, fmtList, type CommandIO } from '../io.js';

/**
 * Run `gradtape grad` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['x^2*y', '--at', 'x=1,y=2', '--hessian'], options, 'grad'), processIO(true));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  const formula = takeFormula(args.positionals, 'grad', 'x^2*y');
  const f = expr(formula);
  const names = f.variables;
  const at = typeof args.values.at === 'string' ? parseAssignments(args.values.at, '--at', 'grad') : [];
  if (args.values.at === undefined && names.length > 0) {
    throw new UsageError(
      `--at is required: give a value for ${names.join(', ')}, e.g. --at ${names.map((n, i) => `${n}=${i + 1}`).join(',')}`,
      'grad',
    );
  }
  const given = new Map(at);
  for (const [name] of at) {
    if (!names.includes(name)) {
      const guess = closest(name, names);
      throw new UsageError(
        `--at: '${name}' is not a variable of the formula${guess ? ` — did you mean '${guess}'?` : ''} (its variables: ${names.join(', ') || 'none'})`,
        'grad',
      );
    }
  }
  const missing = names.filter((n) => !given.has(n));
  if (missing.length > 0)
    throw new UsageError(
      `--at: no value for ${missing.map((m) => `'${m}'`).join(', ')} (the formula's variables: ${names.join(', ')})`,
      'grad',
    );

  const point = names.map((n) => given.get(n)!);
  // g(v) = f(v[0], v[1], …): one vector argument, so the gradient is a vector and the Hessian a matrix.
  const g = (v: Tensor): Tensor => f(Object.fromEntries(names.map((n, i) => [n, reshape(slice(v, [i], [1]), [])])));
  const v = tensor(point);
  const [value, gradient] = valueAndGrad(g)(v) as [Tensor, Tensor];
  // awaited reads work on every backend (a GPU's values arrive asynchronously)
  const valueNumber = (await value.data())[0];
  const grad = names.length > 0 ? Array.from(await gradient.data()) : [];
  const hess =
    args.values.hessian === true && names.length > 0
      ? ((await (hessian(g)(v) as Tensor).array()) as number[][])
      : undefined;

  // the formulas, or null where one is too long to read
  const formulaOf = (by: string[]): string | null => {
    const l: DerivativeLabel = derivativeLabel(f, by);
    return l.ok ? l.text : null;
  };
  const gradForms = names.map((n) => formulaOf([n]));
  const hessForms = hess ? names.map((a) => names.map((b) => formulaOf([a, b]))) : undefined;
  const beside = (text: string | null, value: number): string =>
    text === null
      ? `${fmt(value)}   (formula too long to show)`
      : text === fmt(value)
        ? text
        : `${text} = ${fmt(value)}`;

  io.print(`f(${names.join(', ')}) = ${f.toString()}`);
  if (names.length > 0) io.print(`at ${names.map((n, i) => `${n} = ${fmt(point[i]!)}`).join(', ')}`);
  io.print(`value     ${fmt(valueNumber)}`);
  if (names.length > 0) {
    io.print(`gradient  ${fmtList(grad)}`);
    names.forEach((n, i) => io.print(`  ∂f/∂${n} = ${beside(gradForms[i]!, grad[i]!)}`));
  }
  if (hess && hessForms) {
    io.print('hessian');
    hess.forEach((row) => io.print(`  ${fmtList(row)}`));
    names.forEach((a, i) =>
      names.forEach((b, j) => {
        if (j < i) return; // symmetric: each mixed partial once
        const d = i === j ? `∂²f/∂${a}²` : `∂²f/∂${a}∂${b}`;
        io.print(`  ${d} = ${beside(hessForms[i]![j]!, hess[i]![j]!)}`);
      }),
    );
  } else if (args.values.hessian === true) {
    io.print('hessian   [] (no variables)');
  }
  io.result({
    command: 'grad',
    formula: f.source,
    canonical: f.toString(),
    tex: f.toTeX(),
    variables: names,
    at: Object.fromEntries(names.map((n, i) => [n, point[i]])),
    value: valueNumber,
    gradient: Object.fromEntries(names.map((n, i) => [n, grad[i]])),
    ...(args.values.hessian === true ? { hessian: hess ?? [] } : {}),
    symbolic: {
      gradient: Object.fromEntries(names.map((n, i) => [n, gradForms[i]])),
      ...(args.values.hessian === true ? { hessian: hessForms ?? [] } : {}),
    },
  });
}
