/**
 * @file Optimizer specs as one-line strings, shared by the CLI (`gradtape descend --opt adam:lr=0.1`) and the web
 * page: `name[:key=value,key=value…]`. Names are case-insensitive; keys accept gradtape's camelCase, Keras's
 * snake_case (`learning_rate`, `beta_1`) and the short `lr`; values are numbers or true/false, or a word for the
 * options that take one (`lineSearch=backtracking`). Errors quote the spec and name what is wrong.
 */
import { SGD } from './sgd.js';
import { RMSprop } from './rmsprop.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import { Adagrad } from './adagrad.js';
import { Adadelta } from './adadelta.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';
import { Ftrl } from './ftrl.js';
import { Lion } from './lion.js';
import { Lamb } from './lamb.js';
import { Adafactor } from './adafactor.js';
import { LBFGS } from './lbfgs.js';
import type { Optimizer } from './optimizer.js';
import { camelCase, describe, suggestOption } from './options.js';

/** Anything `descend` can step with. */
export type AnyOptimizer = Optimizer | LBFGS;

/** Spec name → constructor. */
export const OPTIMIZER_SPECS: Readonly<Record<string, new (o: Record<string, unknown>) => AnyOptimizer>> = {
  sgd: SGD,
  rmsprop: RMSprop,
  adam: Adam,
  adamw: AdamW,
  adagrad: Adagrad,
  adadelta: Adadelta,
  adamax: Adamax,
  nadam: Nadam,
  ftrl: Ftrl,
  lion: Lion,
  lamb: Lamb,
  adafactor: Adafactor,
  lbfgs: LBFGS,
};

function parseValue(raw: string): number | boolean | string {
  const v = raw.trim();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
}

/**
 * Parses `name[:key=value,…]` into `{ name, options }` without constructing anything.
 * @example parseOptimizerSpec('sgd:lr=0.01,momentum=0.9') // → { name: 'sgd', options: { learningRate: 0.01, momentum: 0.9 } }
 */
export function parseOptimizerSpec(spec: string): { name: string; options: Record<string, unknown> } {
  return parseSpec(spec, 'parseOptimizerSpec');
}

/** `parseOptimizerSpec` for a caller (`fn`) whose name its errors give. */
function parseSpec(spec: string, fn: string): { name: string; options: Record<string, unknown> } {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new Error(
      `${fn}: spec must be a string like 'sgd:lr=0.01,momentum=0.9' (got ${typeof spec === 'string' ? "''" : describe(spec)})`,
    );
  }
  const colon = spec.indexOf(':');
  const rawName = (colon < 0 ? spec : spec.slice(0, colon)).trim().toLowerCase().replace(/[-_]/g, '');
  // Own-property lookups only: 'constructor' or 'toString' must not find Object.prototype's members.
  if (!Object.hasOwn(OPTIMIZER_SPECS, rawName)) {
    const known = Object.keys(OPTIMIZER_SPECS);
    const guess = suggestOption(rawName, known);
    throw new Error(
      `${fn}('${spec}'): unknown optimizer '${rawName}'${guess ? ` (did you mean '${guess}'?)` : ''}; ` +
        `known: ${known.join(', ')}`,
    );
  }
  const options = new Map<string, unknown>();
  const body = colon < 0 ? '' : spec.slice(colon + 1).trim();
  for (const part of body === '' ? [] : body.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`${fn}('${spec}'): expected key=value, got '${part.trim()}'`);
    const rawKey = part.slice(0, eq).trim();
    const key = rawKey.toLowerCase() === 'lr' ? 'learningRate' : camelCase(rawKey);
    if (options.has(key)) throw new Error(`${fn}('${spec}'): option '${rawKey}' is given twice`);
    const value = parseValue(part.slice(eq + 1));
    if (value === '') throw new Error(`${fn}('${spec}'): option '${rawKey}' has no value`);
    options.set(key, value);
  }
  // fromEntries defines own properties, so even a key like '__proto__' stays a plain (and then unknown) option
  return { name: rawName, options: Object.fromEntries(options) };
}

/**
 * Builds an optimizer from a spec string; option errors (unknown key, out of range) are the constructor's, prefixed
 * with the spec.
 * @example const opt = optimizerFromSpec('adam:lr=0.1'); // an Adam with learningRate 0.1
 */
export function optimizerFromSpec(spec: string): AnyOptimizer {
  const { name, options } = parseSpec(spec, 'optimizerFromSpec');
  try {
    return new OPTIMIZER_SPECS[name]!(options);
  } catch (e) {
    throw new Error(`optimizerFromSpec('${spec}'): ${(e as Error).message}`);
  }
}
