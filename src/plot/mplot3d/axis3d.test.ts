import { describe, expect, it } from 'vitest';
import { axisEdge, boxInfo, drawAxis, paneFaces } from './axis3d.js';
import { autoLimit, autoLimits3d, ticks3d } from './limits3d.js';
import { Camera, screenTransform, type Limits3D } from './proj3d.js';

const L: Limits3D = { x: [-1, 1], y: [-1, 1], z: [-0.4, 0.4] };
const cam = (elev: number, azim: number) => new Camera({ elev, azim, limits: L });

describe('pane selection', () => {
  it.each([
    [
      30,
      -60,
      [
        [0, 3, 7, 4],
        [3, 2, 6, 7],
        [0, 1, 2, 3],
      ],
    ], // back panes: x = min, y = max, floor z = min
    [
      -140,
      120,
      [
        [0, 3, 7, 4],
        [3, 2, 6, 7],
        [4, 5, 6, 7],
      ],
    ], // from below, the z pane is the top face
    [
      30,
      120,
      [
        [1, 2, 6, 5],
        [0, 1, 5, 4],
        [0, 1, 2, 3],
      ],
    ],
    [
      -20,
      -150,
      [
        [1, 2, 6, 5],
        [3, 2, 6, 7],
        [4, 5, 6, 7],
      ],
    ],
  ])('elev %d azim %d', (e, a, faces) => {
    expect(paneFaces(cam(e, a))).toEqual(faces);
  });
});

describe('axis edges (where the black axis lines go)', () => {
  it('default view: x along the front-left bottom edge, y along the front-right one, z up the right corner', () => {
    const b = boxInfo(cam(30, -60));
    expect(axisEdge(b, 0)).toEqual([
      [-1, -1, -0.4],
      [1, -1, -0.4],
    ]);
    expect(axisEdge(b, 1)).toEqual([
      [1, 1, -0.4],
      [1, -1, -0.4],
    ]);
    expect(axisEdge(b, 2)).toEqual([
      [1, 1, -0.4],
      [1, 1, 0.4],
    ]);
  });

  it('tutorial view (-140, 120): axes run along the top face, which is the far z face seen from below', () => {
    const b = boxInfo(cam(-140, 120));
    expect(b.highs).toEqual([false, true, true]);
    expect(axisEdge(b, 0)).toEqual([
      [-1, -1, 0.4],
      [1, -1, 0.4],
    ]);
    expect(axisEdge(b, 1)).toEqual([
      [1, 1, 0.4],
      [1, -1, 0.4],
    ]);
    expect(axisEdge(b, 2)).toEqual([
      [1, 1, 0.4],
      [1, 1, -0.4],
    ]);
  });
});

describe('3-D limits and ticks', () => {
  it('pads data by the 5% margin and the 1/48 view margin (no z margin under perspective)', () => {
    const [lo, hi] = autoLimit([-1, 1], 0.05);
    expect(hi).toBeCloseTo(1.1 * (1 + 2 / 48), 12);
    expect(lo).toBeCloseTo(-hi, 12);
    const l = autoLimits3d({ x: [-1, 1], y: [0, 2], z: [-0.4, 0.4] }, { y: [0, 5] }, false);
    expect(l.y).toEqual([0, 5]);
    expect(l.z[1]).toBeCloseTo(0.4 * (1 + 2 / 48), 12);
    expect(autoLimits3d(null, {}, false).x[0]).toBeCloseTo(-1 / 48, 12); // empty axes: 0…1 plus view margin
  });

  it('AutoLocator-like ticks for a 266 pt wide axes, with unicode minus labels', () => {
    const x = ticks3d(autoLimit([-1, 1], 0.05), 266);
    expect(x.ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(x.labels).toEqual(['\u22121.0', '\u22120.5', '0.0', '0.5', '1.0']);
    const z = ticks3d(autoLimit([-0.4, 0.4], 0), 266);
    expect(z.ticks).toEqual([-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4]);
    expect(ticks3d([0, 1], 100).ticks.length).toBeLessThanOrEqual(5); // narrow axes → fewer bins
    // AutoLocator's steps (1, 2, 2.5, 5, 10), not MaxNLocator's default ones: raw step 1.25 / (8 · 24/23) ≈ 0.15 is
    // rounded up to 0.2, where MaxNLocator's steps would allow 0.15.
    expect(ticks3d([0, 1.25], 266).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
  });

  it('draws tick labels outside the box, one per tick inside the limits', () => {
    const c = new Camera({ elev: 30, azim: -60, limits: { x: [-1.2, 1.2], y: [-1.2, 1.2], z: [-0.5, 0.5] } });
    const box = { x: 0, y: 0, width: 370, height: 370 };
    const svg = drawAxis({ cam: c, toPx: screenTransform(box), ptToPx: 100 / 72, boxPt: 532, grid: true }, 0, {
      ticks: [-2, -1, 0, 1],
      labels: ['a', 'b', 'c', 'd'],
      label: 'xlabel',
    });
    expect(svg).not.toContain('>a<');
    expect((svg.match(/<text/g) ?? []).length).toBe(4); // 3 ticks + the label
    expect(svg).toContain('rotate('); // 'xlabel' is longer than 4 characters → parallel to the axis
  });
});
