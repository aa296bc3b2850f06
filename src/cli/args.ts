/**
 * @file Command-line parsing on top of `node:util` parseArgs, plus the value syntaxes the
 * subcommands share: ranges `a:b`, points `x,y`, assignments `x=1,y=2`, counts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { closest } from '../expr/index.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed command line of one subcommand. */
export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/**
 * Parse `argv` (after the subcommand) against `options`. Unlike bare parseArgs this accepts
 * values that start with a dash (`--range -5:5`, `--view -140,120`) and formulas that do
 * (`gradtape plot "-x^2"`), since both are the normal case here.
 *
 * @throws UsageError naming the bad option, with a suggestion for misspelled ones.
 * @example
 * parseCommandLine(['x^2', '--range', '-5:5'], { range: { type: 'string' } }, 'plot');
 * // { values: { range: '-5:5' }, positionals: ['x^2'] }
 */
export function parseCommandLine(argv: readonly string[], options: OptionSpecs, command: string): Parsed {
  const shortToLong = new Map<string, string>();
  for (const [name, spec] of Object.entries(options)) if (spec.short) shortToLong.set(spec.short, name);
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    if (arg.startsWith('--')) name = arg.slice(2).split('=')[0]!;
    else if (arg.length === 2 && arg[0] === '-' && shortToLong.has(arg[1]!)) name = shortToLong.get(arg[1]!)!;
    if (name === undefined) {
      // A single-dash word that is not a known short flag is a formula or a number ("-x^2").
      positionals.push(arg);
      continue;
    }
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (!spec) {
      const guess = closest(name, Object.keys(options));
      throw new UsageError(`unknown option '--${name}'${guess ? ` — did you mean '--${guess}'?` : ''}`, command);
    }
    if (spec.type === 'boolean') {
      if (arg.includes('=')) throw new UsageError(`option '--${name}' takes no value`, command);
      flags.push(`--${name}`);
    } else if (arg.includes('=') && arg.startsWith('--')) {
      flags.push(arg);
    } else {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`option '--${name}' needs a value`, command);
      }
      flags.push(`--${name}=${value}`);
      i++;
    }
  }
  try {
    const { values } = parseArgs({ args: [...flags], options, strict: true, allowPositionals: false });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!, command);
  }
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parse a finite decimal number (or ±pi), or throw a UsageError naming `what`.
 *
 * @example
 * parseNumber('-2.5e-1', '--at x', 'grad'); // -0.25
 */
export function parseNumber(text: string, what: string, command: string): number {
  const t = text.trim();
  if (/^[-+]?pi$/.test(t)) return t.startsWith('-') ? -Math.PI : Math.PI;
  const value = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`${what}: expected a number (got '${text}')`, command);
  return value;
}

/**
 * `a:b` with a < b (`-5:5`, `-pi:pi`, `0:1e-3`).
 *
 * @example
 * parseRange('-5:5', '--range', 'plot'); // [-5, 5]
 */
export function parseRange(text: string, what: string, command: string): [number, number] {
  const parts = text.split(':');
  if (parts.length !== 2) throw new UsageError(`${what}: expected a range like -5:5 (got '${text}')`, command);
  const lo = parseNumber(parts[0]!, what, command);
  const hi = parseNumber(parts[1]!, what, command);
  if (!(lo < hi)) {
    throw new UsageError(
      `${what}: the start must be less than the end (got ${text}; did you mean ${parts[1]}:${parts[0]}?)`,
      command,
    );
  }
  return [lo, hi];
}

/**
 * A comma-separated list of exactly `count` numbers (`0.25,-0.5`, `-140,120`).
 *
 * @example
 * parseNumbers('0.25,-0.5', 2, '--start', 'descend'); // [0.25, -0.5]
 */
export function parseNumbers(text: string, count: number, what: string, command: string): number[] {
  const parts = text.split(',');
  if (parts.length !== count) {
    throw new UsageError(`${what}: expected ${count} comma-separated numbers (got '${text}')`, command);
  }
  return parts.map((p) => parseNumber(p, what, command));
}

/**
 * `name=value,name=value` into an ordered list (`x=1,y=2`).
 *
 * @example
 * parseAssignments('x=1,y=2', '--at', 'grad'); // [['x', 1], ['y', 2]]
 */
export function parseAssignments(text: string, what: string, command: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new UsageError(`${what}: expected name=value pairs like x=1,y=2 (got '${part}')`, command);
    if (out.some(([n]) => n === m[1])) throw new UsageError(`${what}: '${m[1]}' is given twice`, command);
    out.push([m[1]!, parseNumber(m[2]!, `${what} ${m[1]}`, command)]);
  }
  return out;
}

/**
 * A whole number within [min, max].
 *
 * @example
 * parseCount('100', '--points', 2, 100_000, 'plot'); // 100
 */
export function parseCount(text: string, what: string, min: number, max: number, command: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UsageError(`${what}: expected a whole number from ${min} to ${max} (got '${text}')`, command);
  }
  return value;
}

/**
 * The single formula argument of a subcommand.
 *
 * @example
 * takeFormula(['x^2'], 'plot', '5*sin(2*x)'); // 'x^2'
 */
export function takeFormula(positionals: readonly string[], command: string, example: string): string {
  if (positionals.length === 0)
    throw new UsageError(`missing the formula, e.g. gradtape ${command} "${example}"`, command);
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one formula, got ${positionals.length} arguments (${positionals.map((p) => `'${p}'`).join(' ')}); quote the formula`,
      command,
    );
  }
  return positionals[0]!;
}
