/**
 * @file The optimizer catalogue shown in the picker and the surface presets (the tutorial's function, Rosenbrock,
 * Himmelblau, a saddle). Pure data: each optimizer row becomes a spec string for gradtape's spec parser
 * (`sgd:lr=0.01,momentum=0.9`), so hyper-parameter names and checks are the library's, as in the CLI.
 */

/** One row of the optimizer picker. */
export interface OptimizerEntry {
  /** Shown name. */
  label: string;
  /** gradtape spec name (`parseOptimizerSpec`). */
  base: string;
  /** Hyper-parameters when the row is first ticked. */
  params: string;
}

export const OPTIMIZERS = {
  sgd: { label: 'SGD', base: 'sgd', params: 'lr=0.01' },
  momentum: { label: 'Momentum', base: 'sgd', params: 'lr=0.01, momentum=0.9' },
  nesterov: { label: 'Nesterov', base: 'sgd', params: 'lr=0.01, momentum=0.9, nesterov=true' },
  rmsprop: { label: 'RMSprop', base: 'rmsprop', params: 'lr=0.01' },
  adam: { label: 'Adam', base: 'adam', params: 'lr=0.05' },
  adagrad: { label: 'Adagrad', base: 'adagrad', params: 'lr=0.1' },
  nadam: { label: 'Nadam', base: 'nadam', params: 'lr=0.05' },
  lion: { label: 'Lion', base: 'lion', params: 'lr=0.01' },
  lbfgs: { label: 'L-BFGS', base: 'lbfgs', params: '' },
} as const satisfies Record<string, OptimizerEntry>;

export type OptimizerId = keyof typeof OPTIMIZERS;

/**
 * The spec string for a catalogue row and its hyper-parameter text (spaces dropped, so `lr = 0.1` works).
 * @example specFor('momentum', 'lr=0.01, momentum=0.9') // 'sgd:lr=0.01,momentum=0.9'
 */
export function specFor(id: OptimizerId, params: string): string {
  const body = params.replace(/\s+/g, '');
  return body === '' ? OPTIMIZERS[id].base : `${OPTIMIZERS[id].base}:${body}`;
}

/** A two-variable scene. */
export interface Preset {
  label: string;
  formula: string;
  xr: [number, number];
  yr: [number, number];
  start: [number, number];
  opts: Partial<Record<OptimizerId, string>>;
  steps: number;
  /** Camera [elev, azim] in degrees. */
  view: [number, number];
  /** Contour levels: a count, or explicit values where the function spans orders of magnitude. */
  levels: number | readonly number[];
}

export const PRESETS = {
  tutorial: {
    label: 'Tutorial: (sin 4x − cos 5y)/5',
    formula: '(sin(4*x) - cos(5*y))/5',
    xr: [-1, 1],
    yr: [-1, 1],
    start: [0.25, -0.5],
    opts: { sgd: 'lr=0.01', adam: 'lr=0.05' },
    steps: 120,
    view: [-140, 120],
    levels: 10,
  },
  rosenbrock: {
    label: 'Rosenbrock',
    formula: '(1 - x)^2 + 100*(y - x^2)^2',
    xr: [-2, 2],
    yr: [-1, 3],
    start: [-1.5, 2],
    opts: { momentum: 'lr=0.0002, momentum=0.9', adam: 'lr=0.05', lbfgs: '' },
    steps: 400,
    view: [40, -120],
    levels: [0.5, 2, 5, 10, 25, 50, 100, 200, 400, 800, 1600],
  },
  himmelblau: {
    label: 'Himmelblau',
    formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    xr: [-5, 5],
    yr: [-5, 5],
    start: [0, 0],
    opts: { sgd: 'lr=0.005', rmsprop: 'lr=0.05', adam: 'lr=0.1' },
    steps: 200,
    view: [45, -50],
    levels: [1, 5, 15, 30, 60, 100, 150, 250, 400, 600],
  },
  saddle: {
    label: 'Saddle: x² − y²',
    formula: 'x^2 - y^2',
    xr: [-2, 2],
    yr: [-2, 2],
    start: [1.8, 0.05],
    opts: { sgd: 'lr=0.05', nesterov: 'lr=0.05, momentum=0.9, nesterov=true' },
    steps: 60,
    view: [30, -60],
    levels: 12,
  },
} as const satisfies Record<string, Preset>;

export type PresetId = keyof typeof PRESETS;

/** The preset a formula comes from (compared as typed), if any. @example presetOf('x^2 - y^2') // 'saddle' */
export function presetOf(formula: string): PresetId | undefined {
  return (Object.keys(PRESETS) as PresetId[]).find((id) => PRESETS[id].formula === formula);
}
