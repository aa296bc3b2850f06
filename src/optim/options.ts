/**
 * @file Option validation shared by every optimizer: unknown keys (with a "did you mean" for Keras spellings such
 * as `learning_rate`), numbers in ranges, booleans. Every message names the optimizer and the argument, so a typo
 * in a ported notebook fails at construction instead of being silently ignored.
 */
import { editDistance } from '../core/suggest.js';

/** Turns a Keras/Python spelling (`learning_rate`, `beta_1`, `global_clipnorm`) into gradtape's camelCase. */
export function camelCase(key: string): string {
  return key.replace(/_+([a-z0-9])/gi, (_m, c: string) => c.toUpperCase());
}

/** Common aliases users type for gradtape option names. */
const ALIASES: Record<string, string> = { lr: 'learningRate', eps: 'epsilon', wd: 'weightDecay' };

/**
 * Best guess for a mistyped option name, or `undefined` when nothing is close.
 * @example suggestOption('learning_rate', ['learningRate', 'momentum']) // → 'learningRate'
 */
export function suggestOption(key: string, known: readonly string[]): string | undefined {
  const camel = camelCase(key);
  const lower = (s: string) => s.toLowerCase();
  const alias = ALIASES[lower(key)];
  if (alias !== undefined && known.includes(alias)) return alias;
  const exact = known.find((k) => lower(k) === lower(camel));
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(lower(camel), lower(k));
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, Math.floor(camel.length / 4)) ? best : undefined;
}

/**
 * Throws when `opts` holds a key outside `known` (naming the owner and suggesting the closest name), or is not a
 * plain object.
 * @example checkKeys('SGD', { lr: 0.1 }, ['learningRate']) // throws: SGD: unknown option 'lr' (did you mean 'learningRate'?) …
 */
export function checkKeys(owner: string, opts: unknown, known: readonly string[]): Record<string, unknown> {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw new Error(`${owner}: options must be an object such as { learningRate: 0.01 } (got ${describe(opts)})`);
  }
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const guess = suggestOption(key, known);
    const hint = guess !== undefined ? ` (did you mean '${guess}'?)` : '';
    throw new Error(`${owner}: unknown option '${key}'${hint}; known options: ${known.join(', ')}`);
  }
  return opts as Record<string, unknown>;
}

/** Short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array of length ${v.length}`;
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

/** Range description for numeric checks: `[lo, hi]` with open/closed ends. */
export interface Range {
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
}

function rangeText(r: Range): string {
  if (r.min !== undefined && r.max !== undefined) {
    return `in ${r.minOpen ? '(' : '['}${r.min}, ${r.max}${r.maxOpen ? ')' : ']'}`;
  }
  if (r.min !== undefined) return r.minOpen ? `> ${r.min}` : `>= ${r.min}`;
  if (r.max !== undefined) return r.maxOpen ? `< ${r.max}` : `<= ${r.max}`;
  return 'finite';
}

/**
 * Reads a finite number option, applying `fallback` when absent, and checks its range.
 * @example num('RMSprop', {}, 'rho', 0.9, { min: 0, max: 1, maxOpen: true }) // → 0.9
 */
export function num(
  owner: string,
  opts: Record<string, unknown>,
  key: string,
  fallback: number,
  range: Range = {},
): number {
  // A NaN fallback marks a required option.
  if ((opts[key] === undefined || opts[key] === null) && Number.isNaN(fallback)) {
    throw new Error(`${owner}: ${key} is required (a finite number ${rangeText(range)})`);
  }
  const v = opts[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`${owner}: ${key} must be a finite number ${rangeText(range)} (got ${describe(v)})`);
  }
  const lowBad = range.min !== undefined && (range.minOpen ? v <= range.min : v < range.min);
  const highBad = range.max !== undefined && (range.maxOpen ? v >= range.max : v > range.max);
  if (lowBad || highBad) throw new Error(`${owner}: ${key} must be ${rangeText(range)} (got ${v})`);
  return v;
}

/** Like {@link num} but `undefined`/`null` stay `undefined` (options that are off unless set). */
export function optNum(owner: string, opts: Record<string, unknown>, key: string, range: Range): number | undefined {
  if (opts[key] === undefined || opts[key] === null) return undefined;
  return num(owner, opts, key, 0, range);
}

/**
 * Reads a boolean option.
 * @example bool('SGD', { nesterov: true }, 'nesterov', false) // → true
 */
export function bool(owner: string, opts: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = opts[key] ?? fallback;
  if (typeof v !== 'boolean') throw new Error(`${owner}: ${key} must be true or false (got ${describe(v)})`);
  return v;
}

/** The moment hyper-parameters of the Adam family (Adam, Adamax, Nadam, Lamb), with Keras's defaults and ranges. */
export function adamMoments(name: string, options: object): { beta1: number; beta2: number; epsilon: number } {
  const o = { ...options } as Record<string, unknown>;
  const unit = { min: 0, max: 1, maxOpen: true };
  return {
    beta1: num(name, o, 'beta1', 0.9, unit),
    beta2: num(name, o, 'beta2', 0.999, unit),
    epsilon: num(name, o, 'epsilon', 1e-7, { min: 0 }),
  };
}
