import { describe, expect, it } from 'vitest';
import {
  Camera,
  cubeCorners,
  DEFAULT_BOX_ASPECT,
  normAngle,
  paneHighs,
  screenTransform,
  type Limits3D,
} from './proj3d.js';

const UNIT: Limits3D = { x: [0, 1], y: [0, 1], z: [0, 1] };
const close = (a: number[], b: number[], digits = 6) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], digits));

describe('Camera (mplot3d projection)', () => {
  it('elev 0, azim 0, perspective: screen x = world y, screen y = world z, divided by the distance', () => {
    // Eye at R + 10·(1, 0, 0) = (10.5, .5, .5); for corner (x, y, z): (y - .5, z - .5) / (10.5 - x), depth 10/(x - 10.5).
    const cam = new Camera({ elev: 0, azim: 0, limits: UNIT, boxAspect: [1, 1, 1] });
    close(cam.project(0, 0, 0), [-0.5 / 10.5, -0.5 / 10.5, -10 / 10.5]);
    close(cam.project(1, 0, 0), [-0.5 / 9.5, -0.5 / 9.5, -10 / 9.5]);
    close(cam.project(1, 1, 1), [0.5 / 9.5, 0.5 / 9.5, -10 / 9.5]);
    close(cam.project(0, 1, 1), [0.5 / 10.5, 0.5 / 10.5, -10 / 10.5]);
  });

  it('elev 0, azim 0, orthographic: (y - .5, z - .5) / 10 and depth growing away from the eye', () => {
    const cam = new Camera({ elev: 0, azim: 0, limits: UNIT, boxAspect: [1, 1, 1], focalLength: Infinity });
    close(cam.project(0, 0, 0), [-0.05, -0.05, 1.05]);
    close(cam.project(1, 1, 1), [0.05, 0.05, 0.95]);
  });

  it('default view (30, -60) matches the hand-derived view axes', () => {
    // w = (cos e cos a, cos e sin a, sin e) = (.4330, -.75, .5), u = (-sin a, cos a, 0), v = w × u:
    // corner (1,1,1) - R = (.5,.5,.5): u· = .683013, v· = .524519, w· = .091506 → divide by 10 - .091506.
    const cam = new Camera({ elev: 30, azim: -60, limits: UNIT, boxAspect: [1, 1, 1] });
    close(cam.project(1, 1, 1), [0.683013 / 9.908494, 0.524519 / 9.908494, -10 / 9.908494], 5);
    close(cam.project(0.5, 0.5, 0.5), [0, 0, -1]);
    close(cam.u, [0.866025, 0.5, 0], 5);
    close(cam.v, [-0.25, 0.433013, 0.866025], 5);
  });

  it('maps data limits onto the box: any limits give the same picture as the unit cube', () => {
    const a = new Camera({ elev: 30, azim: -60, limits: UNIT });
    const b = new Camera({ elev: 30, azim: -60, limits: { x: [-2, 6], y: [10, 11], z: [-0.4, 0.4] } });
    cubeCorners(UNIT).forEach((p, i) => close(a.project(...p), b.project(...cubeCorners(b.limits)[i])));
  });

  it('uses the default 4:4:3 box (scaled as matplotlib 3.9)', () => {
    expect(DEFAULT_BOX_ASPECT[0] / DEFAULT_BOX_ASPECT[2]).toBeCloseTo(4 / 3, 12);
    expect(Math.hypot(...DEFAULT_BOX_ASPECT)).toBeCloseTo((1.8294640721620434 * 25) / 24, 12);
  });

  it('upside-down rule: elev -140/azim 120 is elev -40/azim -60 turned by 180°', () => {
    const flip = new Camera({ elev: -140, azim: 120, limits: UNIT });
    const same = new Camera({ elev: -40, azim: -60, limits: UNIT });
    for (const p of cubeCorners(UNIT)) {
      const [x1, y1, d1] = flip.project(...p),
        [x2, y2, d2] = same.project(...p);
      expect(x1).toBeCloseTo(-x2, 12);
      expect(y1).toBeCloseTo(-y2, 12);
      expect(d1).toBeCloseTo(d2, 12);
    }
    // So +z points down the screen at elev -140, up at -40.
    expect(flip.project(0.5, 0.5, 1)[1]).toBeLessThan(flip.project(0.5, 0.5, 0)[1]);
    expect(same.project(0.5, 0.5, 1)[1]).toBeGreaterThan(same.project(0.5, 0.5, 0)[1]);
    expect(flip.v[2]).toBeLessThan(0);
  });

  it('roll spins the camera clockwise, so the scene turns counter-clockwise', () => {
    const flat = new Camera({ elev: 0, azim: 0, limits: UNIT, boxAspect: [1, 1, 1] });
    const rolled = new Camera({ elev: 0, azim: 0, roll: 90, limits: UNIT, boxAspect: [1, 1, 1] });
    // Unrolled: +y is screen right, +z screen up. Rolled by 90°: +y goes up, +z goes left.
    const [x0, y0] = flat.project(0.5, 1, 0.5),
      [x1, y1] = rolled.project(0.5, 1, 0.5);
    expect(x0).toBeGreaterThan(0);
    expect(y0).toBeCloseTo(0, 12);
    expect(x1).toBeCloseTo(0, 12);
    expect(y1).toBeCloseTo(x0, 12);
    expect(rolled.project(0.5, 0.5, 1)[0]).toBeCloseTo(-x0, 12);
    expect(() => new Camera({ elev: 0, azim: 0, roll: Infinity, limits: UNIT })).toThrow(/roll/);
  });

  it('normAngle wraps to (-180, 180]', () => {
    expect(normAngle(220)).toBe(-140);
    expect(normAngle(-140)).toBe(-140);
    expect(normAngle(180)).toBe(180);
    expect(normAngle(-180)).toBe(180);
    expect(normAngle(540 + 30)).toBe(-150);
  });

  it('rejects bad angles and degenerate limits, naming the argument', () => {
    expect(() => new Camera({ elev: NaN, azim: 0, limits: UNIT })).toThrow(/elev/);
    expect(() => new Camera({ elev: 0, azim: 0, limits: { ...UNIT, z: [1, 1] } })).toThrow(/limits\.z/);
    expect(() => new Camera({ elev: 0, azim: 0, limits: UNIT, focalLength: 0 })).toThrow(/focalLength/);
  });
});

describe('paneHighs (which face of each axis is farther)', () => {
  const highs = (elev: number, azim: number) => paneHighs(new Camera({ elev, azim, limits: UNIT }));
  it.each([
    // eye direction (cos e cos a, cos e sin a, sin e): a face is far when the eye is on the other side
    [30, -60, [false, true, false]], // eye at +x, -y, +z → far faces xmin, ymax, zmin
    [-140, 120, [false, true, true]], // same eye ground position, below → zmax far
    [30, 120, [true, false, false]], // eye at -x, +y, above
    [-30, 45, [false, false, true]], // eye at +x, +y, below
    [10, 200, [true, true, false]], // eye direction (cos 200°, sin 200°) = (-.94, -.34), above
  ])('elev %d, azim %d', (e, a, want) => {
    expect(highs(e, a)).toEqual(want);
  });

  it('edge-on top view falls back as mplot3d does', () => {
    expect(highs(90, -90)).toEqual([true, true, false]);
  });
});

describe('screenTransform', () => {
  it("maps mplot3d's view limits to the box, y flipped", () => {
    const t = screenTransform({ x: 10, y: 20, width: 185, height: 185 });
    close(t(-0.095, -0.095), [10, 205]);
    close(t(0.09, 0.09), [195, 20]);
  });
});
