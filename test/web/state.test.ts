/**
 * @file The playground's pure parts, in Node: the URL state round-trips and tolerates mangled links, and every
 * preset and catalogue optimizer is valid for the library itself (the formula compiles with `expr`, the spec
 * builds an optimizer, the start point lies on the plotted square and the tutorial preset descends as the
 * tutorial says).
 */
import { describe, expect, it } from 'vitest';
import { descend, expr, optimizerFromSpec } from 'gradtape';
import { MAX_STEPS, defaultState, parseState, serializeState } from '../../web/state.js';
import { OPTIMIZERS, PRESETS, presetOf, specFor, type OptimizerId, type PresetId } from '../../web/presets.js';
import { formatNumber, nearWindow, countFinite } from '../../web/util.js';

describe('URL state', () => {
  it('round-trips every field', () => {
    const s = {
      ...defaultState(),
      mode: '2d' as const,
      f1: 'sin(x) / x',
      x1: [-3, 7.5] as [number, number],
      f2: 'x^2 + 3*y^2',
      xr: [-2, 1] as [number, number],
      yr: [0, 4] as [number, number],
      start: [0.125, -3] as [number, number],
      opts: { momentum: 'lr=0.01, momentum=0.95', lbfgs: '' },
      steps: 777,
      elev: -20,
      azim: 135,
      step: 12,
    };
    const { state, problems } = parseState(serializeState(s));
    expect(problems).toEqual([]);
    expect(state).toEqual(s);
  });

  it('gives the tutorial defaults for an empty query', () => {
    const { state, problems } = parseState('');
    expect(problems).toEqual([]);
    expect(state).toEqual(defaultState());
    expect(state.f2).toBe(PRESETS.tutorial.formula);
    expect(state.start).toEqual([0.25, -0.5]);
  });

  it('keeps the good parts of a mangled link and lists the bad ones', () => {
    const { state, problems } = parseState(
      `?mode=3d&f=cos(x)&x=2,1&steps=${MAX_STEPS + 1}&elev=abc&start=1,2,3&o.bogus=1&o.adam=lr%3D0.2`,
    );
    expect(state.mode).toBe('1d');
    expect(state.f1).toBe('cos(x)');
    expect(state.x1).toEqual(defaultState().x1);
    expect(state.steps).toBe(defaultState().steps);
    expect(state.start).toEqual(defaultState().start);
    expect(state.opts).toEqual({ adam: 'lr=0.2' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['mode', 'x', 'start', 'steps', 'elev', 'o.bogus']);
  });

  it('caps what a link can ask for', () => {
    expect(parseState('?f=' + 'x+'.repeat(400) + 'x').state.f1).toHaveLength(500);
    expect(parseState('?steps=2.5').problems[0]).toMatch(/^steps: expected an integer in 1\.\.2000/);
    expect(parseState('?steps=0').state.steps).toBe(defaultState().steps);
  });
});

describe('presets and the optimizer catalogue', () => {
  it('builds a gradtape optimizer from every catalogue row', () => {
    for (const id of Object.keys(OPTIMIZERS) as OptimizerId[]) {
      expect(() => optimizerFromSpec(specFor(id, OPTIMIZERS[id].params)), id).not.toThrow();
    }
    expect(specFor('nesterov', 'lr = 0.1, momentum=0.9, nesterov=true')).toBe('sgd:lr=0.1,momentum=0.9,nesterov=true');
    expect(specFor('lbfgs', '  ')).toBe('lbfgs');
  });

  it('has valid presets: formula, start on the square, optimizers, increasing explicit levels', () => {
    for (const id of Object.keys(PRESETS) as PresetId[]) {
      const p = PRESETS[id];
      expect(expr(p.formula, { variables: ['x', 'y'] }).variables, id).toEqual(['x', 'y']);
      expect(p.start[0] >= p.xr[0] && p.start[0] <= p.xr[1] && p.start[1] >= p.yr[0] && p.start[1] <= p.yr[1], id).toBe(
        true,
      );
      for (const [opt, params] of Object.entries(p.opts)) {
        expect(() => optimizerFromSpec(specFor(opt as OptimizerId, params)), `${id}/${opt}`).not.toThrow();
      }
      if (typeof p.levels !== 'number') expect([...p.levels].sort((a, b) => a - b)).toEqual([...p.levels]);
      expect(presetOf(p.formula)).toBe(id);
    }
  });

  it('the tutorial preset descends to the minimum near (−π/8, 0) like the tutorial', () => {
    const p = PRESETS.tutorial;
    const f = expr(p.formula, { variables: ['x', 'y'] });
    const tr = descend(f, [...p.start], { optimizer: specFor('adam', p.opts.adam), steps: p.steps });
    const [x, y] = tr.points.at(-1)!;
    expect(x).toBeCloseTo(-Math.PI / 8, 2);
    expect(y).toBeCloseTo(0, 2);
    expect(tr.losses.at(-1)).toBeCloseTo(-0.4, 4);
  });
});

describe('readout helpers', () => {
  it('formats numbers compactly with a true minus sign', () => {
    expect(formatNumber(1.23456)).toBe('1.235');
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(2.838e84)).toBe('2.838e84');
    expect(formatNumber(0.000012345)).toBe('1.234e−5');
    expect(formatNumber(-0.000012345)).toBe('−1.234e−5');
    expect([formatNumber(NaN), formatNumber(Infinity), formatNumber(-Infinity), formatNumber(0)]).toEqual([
      'NaN',
      '∞',
      '−∞',
      '0',
    ]);
  });

  it('cuts only points far outside the window, and counts finite values', () => {
    expect([nearWindow(0.5, 0, 1), nearWindow(-0.9, 0, 1), nearWindow(1.9, 0, 1)]).toEqual([0.5, -0.9, 1.9]);
    expect(nearWindow(2.5, 0, 1)).toBeNaN();
    expect(nearWindow(1e300, 0, 1)).toBeNaN();
    expect(nearWindow(NaN, 0, 1)).toBeNaN();
    expect(countFinite([1, NaN, Infinity, -2, -Infinity])).toBe(2);
  });
});
