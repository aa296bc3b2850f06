/**
 * @file The playground's state and its URL form. Everything a visitor sets (mode, formulas, ranges, start point,
 * optimizers and their hyper-parameters, steps, camera, the step shown) lives in the query string, so a link
 * reproduces the page. Parsing is forgiving: a bad or missing value falls back to its default and is reported,
 * never thrown, because a hand-edited link must not break the page.
 */
import { OPTIMIZERS, PRESETS, type OptimizerId, type PresetId } from './presets.js';

export type Mode = '1d' | '2d';
export type Range = [number, number];

export interface State {
  mode: Mode;
  /** One-variable formula and its x range. */
  f1: string;
  x1: Range;
  /** Two-variable formula, its x and y ranges, and the descent start point. */
  f2: string;
  xr: Range;
  yr: Range;
  start: [number, number];
  /** Enabled optimizers: catalogue id → hyper-parameters (`lr=0.01,momentum=0.9`). */
  opts: Partial<Record<OptimizerId, string>>;
  /** Optimizer steps per path (capped at MAX_STEPS). */
  steps: number;
  /** Camera of the 3-D surface, degrees. */
  elev: number;
  azim: number;
  /** Step shown by the player (0 = start). */
  step: number;
}

/** Most optimizer steps a path may take: bounds the work a link or a typo can ask for. */
export const MAX_STEPS = 2000;

/** A descent preset as the 2-D part of the state, fresh each call (callers may keep or change it). @example presetState('tutorial').elev // -140 */
export function presetState(id: PresetId): Omit<State, 'mode' | 'f1' | 'x1'> {
  const p = PRESETS[id];
  return {
    f2: p.formula,
    xr: [...p.xr],
    yr: [...p.yr],
    start: [...p.start],
    opts: { ...p.opts },
    steps: p.steps,
    elev: p.view[0],
    azim: p.view[1],
    step: 0,
  };
}

/** The page as first opened: the tutorial's derivative (cell 1) and its descent (cells 4–7). @example defaultState().f1 // 'x^2 + 1' */
export function defaultState(): State {
  return { mode: '1d', f1: 'x^2 + 1', x1: [-5, 5], ...presetState('tutorial') };
}

/** A finite number pair from "a,b", optionally increasing. */
function pair(raw: string | null, increasing: boolean): [number, number] | null {
  if (raw === null) return null;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) return null;
  const [a, b] = parts as [number, number];
  return increasing && !(a < b) ? null : [a, b];
}

function num(raw: string | null, lo: number, hi: number, integer: boolean): number | null {
  if (raw === null || raw.trim() === '') return null;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) return null;
  return v;
}

/**
 * Read a state from a query string; unknown or invalid entries keep their defaults and are listed in `problems`.
 * @example const { state, problems } = parseState(location.search);
 */
export function parseState(search: string): { state: State; problems: string[] } {
  const q = new URLSearchParams(search);
  const s = defaultState();
  const problems: string[] = [];
  const take = <T>(key: string, v: T | null, set: (v: T) => void, what: string) => {
    if (!q.has(key)) return;
    if (v === null) problems.push(`${key}: expected ${what}, got '${q.get(key)}'`);
    else set(v);
  };
  const mode = q.get('mode');
  take<Mode>(
    'mode',
    mode === '1d' || mode === '2d' ? mode : null,
    (v) => {
      s.mode = v;
    },
    "'1d' or '2d'",
  );
  if (q.has('f')) s.f1 = q.get('f')!.slice(0, 500);
  take(
    'x',
    pair(q.get('x'), true),
    (v) => {
      s.x1 = v;
    },
    'two increasing numbers like -5,5',
  );
  if (q.has('g')) s.f2 = q.get('g')!.slice(0, 500);
  take(
    'xr',
    pair(q.get('xr'), true),
    (v) => {
      s.xr = v;
    },
    'two increasing numbers like -1,1',
  );
  take(
    'yr',
    pair(q.get('yr'), true),
    (v) => {
      s.yr = v;
    },
    'two increasing numbers like -1,1',
  );
  take(
    'start',
    pair(q.get('start'), false),
    (v) => {
      s.start = v;
    },
    'a point like 0.25,-0.5',
  );
  take(
    'steps',
    num(q.get('steps'), 1, MAX_STEPS, true),
    (v) => {
      s.steps = v;
    },
    `an integer in 1..${MAX_STEPS}`,
  );
  take(
    'elev',
    num(q.get('elev'), -360, 360, false),
    (v) => {
      s.elev = v;
    },
    'degrees',
  );
  take(
    'azim',
    num(q.get('azim'), -360, 360, false),
    (v) => {
      s.azim = v;
    },
    'degrees',
  );
  take(
    'step',
    num(q.get('step'), 0, MAX_STEPS, true),
    (v) => {
      s.step = v;
    },
    'a step number',
  );
  const opts: State['opts'] = {};
  let anyOpt = false;
  for (const [key, value] of q) {
    if (!key.startsWith('o.')) continue;
    anyOpt = true;
    const id = key.slice(2) as OptimizerId;
    if (id in OPTIMIZERS) opts[id] = value.slice(0, 200);
    else problems.push(`${key}: unknown optimizer '${id}' (known: ${Object.keys(OPTIMIZERS).join(', ')})`);
  }
  if (anyOpt) s.opts = opts;
  return { state: s, problems };
}

/**
 * The query string for a state (leading '?'), in a stable key order so equal states give equal links.
 * @example history.replaceState(null, '', serializeState(state));
 */
export function serializeState(s: State): string {
  const q = new URLSearchParams();
  q.set('mode', s.mode);
  q.set('f', s.f1);
  q.set('x', s.x1.join(','));
  q.set('g', s.f2);
  q.set('xr', s.xr.join(','));
  q.set('yr', s.yr.join(','));
  q.set('start', s.start.map((v) => +v.toPrecision(6)).join(','));
  for (const id of Object.keys(OPTIMIZERS) as OptimizerId[]) {
    if (s.opts[id] !== undefined) q.set(`o.${id}`, s.opts[id]!);
  }
  q.set('steps', String(s.steps));
  q.set('elev', String(Math.round(s.elev)));
  q.set('azim', String(Math.round(s.azim)));
  if (s.step > 0) q.set('step', String(s.step));
  return `?${q.toString()}`;
}
