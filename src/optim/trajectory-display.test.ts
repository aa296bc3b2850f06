import { describe, expect, it } from 'vitest';
import { descend, div, sub, sin, cos, mul } from '../index.js';

const f = (x: never, y: never) => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);

describe('Trajectory display', () => {
  it('a trajectory answers the Jupyter display protocol with its summary and a table, and stays plain data', () => {
    const tr = descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=0.01', steps: 3 });
    const b = (tr as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]();
    const end = tr.points[3];
    expect(b['text/plain']).toBe(
      `Trajectory sgd:lr=0.01: 3 steps (max steps), (x = 0.25, y = -0.5) → ` +
        `(x = ${Number(end[0].toPrecision(6))}, y = ${Number(end[1].toPrecision(6))}), ` +
        `loss ${Number(tr.losses[0].toPrecision(6))} → ${Number(tr.losses[3].toPrecision(6))}`,
    );
    expect(b['text/html']).toContain('<th style="text-align:left">steps</th><td>3 (max steps)</td>');
    expect(b['text/html']).toMatch(/<polyline [^>]*points="1\.0,[\d.]+ [\d., ]+159\.0,[\d.]+"/);
    expect(Object.keys(tr)).toEqual([
      'label',
      'names',
      'points',
      'losses',
      'gradNorms',
      'converged',
      'steps',
      'stopReason',
    ]);
    expect(JSON.parse(JSON.stringify(tr)).steps).toBe(3);
    expect(structuredClone(tr).points).toEqual(tr.points);
  });
});
