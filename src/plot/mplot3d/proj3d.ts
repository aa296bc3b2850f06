/**
 * @file 3-D camera like matplotlib's mplot3d: data limits → box of aspect 4:4:3 → view (elev/azim, with the up
 * vector flipped for |elev| > 90°) → perspective (focal length 1, i.e. a 90° field of view) or orthographic
 * projection. Projected coordinates are those of mplot3d's hidden 2-D axes (about ±0.095 for the default view),
 * with a depth value that grows with the distance from the eye (the painter's sort key).
 * Matrices are row-major 4×4 (`m[4 * row + col]`), applied to column vectors.
 */

/** A 3-D point or vector. */
export type Vec3 = [number, number, number];
/** A row-major 4×4 matrix. */
export type Mat4 = Float64Array;
/** Axis limits [min, max] for x, y and z. */
export interface Limits3D {
  x: [number, number];
  y: [number, number];
  z: [number, number];
}

/** mplot3d's camera distance (its `_dist`), in box units. */
export const CAMERA_DIST = 10;

/**
 * matplotlib's default box aspect: 4:4:3 scaled by its tuning factor (1.8294640721620434, times 25/24 since 3.9
 * moved the 1/48 pane padding into the limits), so the default cube fills the axes as in matplotlib.
 */
export const DEFAULT_BOX_ASPECT: Vec3 = (() => {
  const k = (1.8294640721620434 * 25) / 24 / Math.hypot(4, 4, 3);
  return [4 * k, 4 * k, 3 * k];
})();

/**
 * Wrap an angle in degrees to (-180, 180], as mplot3d's `_norm_angle`.
 * @example normAngle(220) // -140
 */
export function normAngle(deg: number): number {
  const a = ((((deg + 180) % 360) + 360) % 360) - 180;
  return a === -180 ? 180 : a;
}

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const unit = (a: Vec3): Vec3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

function matmul(a: Mat4, b: Mat4): Mat4 {
  const out = new Float64Array(16);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[4 * i + k] * b[4 * k + j];
      out[4 * i + j] = s;
    }
  }
  return out;
}

/**
 * Scale data limits to the box [0, aspect[i]] on each axis (mplot3d's `world_transformation`).
 * @example worldTransform({ x: [0, 2], y: [0, 1], z: [0, 1] }, [1, 1, 1]) // x → x / 2
 */
export function worldTransform(lims: Limits3D, aspect: Vec3): Mat4 {
  const d = [lims.x, lims.y, lims.z].map(([lo, hi], i) => [lo, (hi - lo) / aspect[i]]);
  const m = new Float64Array(16);
  for (let i = 0; i < 3; i++) {
    m[5 * i] = 1 / d[i][1];
    m[4 * i + 3] = -d[i][0] / d[i][1];
  }
  m[15] = 1;
  return m;
}

/**
 * Options of a camera; angles in degrees (`roll` spins the camera about its viewing axis, clockwise).
 * `focalLength: Infinity` gives the orthographic projection.
 */
export interface CameraOptions {
  elev: number;
  azim: number;
  roll?: number;
  limits: Limits3D;
  boxAspect?: Vec3;
  focalLength?: number;
}

/**
 * The mplot3d camera for one view. `project` maps data coordinates to the hidden 2-D axes' coordinates plus depth.
 * @example
 * const cam = new Camera({ elev: 30, azim: -60, limits: { x: [-1, 1], y: [-1, 1], z: [-1, 1] } });
 * const [sx, sy, depth] = cam.project(1, 1, 0);
 */
export class Camera {
  readonly elev: number;
  readonly azim: number;
  readonly roll: number;
  readonly focalLength: number;
  readonly limits: Limits3D;
  readonly boxAspect: Vec3;
  /** Full data → projection matrix (mplot3d's `M`). */
  readonly M: Mat4;
  /** View axes in box coordinates: u to the screen's right, v to its top, w out of the screen (towards the eye). */
  readonly u: Vec3;
  readonly v: Vec3;
  readonly w: Vec3;
  /** Eye position in box coordinates. */
  readonly eye: Vec3;

  constructor(opts: CameraOptions) {
    const { elev, azim, limits } = opts,
      roll = opts.roll ?? 0;
    if (!Number.isFinite(elev) || !Number.isFinite(azim) || !Number.isFinite(roll)) {
      throw new Error(
        `Camera: elev, azim and roll must be finite numbers (degrees), got elev=${elev}, azim=${azim}, ` +
          `roll=${roll}`,
      );
    }
    for (const k of ['x', 'y', 'z'] as const) {
      const [lo, hi] = limits[k];
      if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) {
        throw new Error(`Camera: limits.${k} must be two different finite numbers, got [${lo}, ${hi}]`);
      }
    }
    const f = opts.focalLength ?? 1;
    if (!(f > 0)) throw new Error(`Camera: focalLength must be > 0 (Infinity for orthographic), got ${f}`);
    this.elev = elev;
    this.azim = azim;
    this.roll = roll;
    this.focalLength = f;
    this.limits = limits;
    const box = (this.boxAspect = opts.boxAspect ?? DEFAULT_BOX_ASPECT);
    const worldM = worldTransform(limits, box);
    const R: Vec3 = [box[0] / 2, box[1] / 2, box[2] / 2];
    const e = (elev * Math.PI) / 180,
      a = (azim * Math.PI) / 180;
    const ps: Vec3 = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
    const eye = (this.eye = [R[0] + CAMERA_DIST * ps[0], R[1] + CAMERA_DIST * ps[1], R[2] + CAMERA_DIST * ps[2]]);
    // The upside-down rule: past the pole (|elev| > 90° after wrapping) "up" is -z, so the picture turns over
    // instead of snapping around as the camera crosses the vertical.
    const up: Vec3 = [0, 0, Math.abs(normAngle(elev)) > 90 ? -1 : 1];
    const w = (this.w = unit([eye[0] - R[0], eye[1] - R[1], eye[2] - R[2]]));
    let u = unit(cross(up, w)),
      v = cross(w, u);
    if (roll !== 0) {
      // Rolling the camera by +roll turns the world by -roll about w (Rodrigues; u and v are orthogonal to w).
      const t = (-normAngle(roll) * Math.PI) / 180,
        c = Math.cos(t),
        s = Math.sin(t);
      const turn = (x: Vec3): Vec3 => {
        const k = cross(w, x);
        return [x[0] * c + k[0] * s, x[1] * c + k[1] * s, x[2] * c + k[2] * s];
      };
      [u, v] = [turn(u), turn(v)];
    }
    this.u = u;
    this.v = v;
    // Perspective moves the eye back by the focal length so the zoom stays the same (mplot3d's eye_focal).
    const k = Number.isFinite(f) ? f : 1;
    const E: Vec3 = [R[0] + CAMERA_DIST * ps[0] * k, R[1] + CAMERA_DIST * ps[1] * k, R[2] + CAMERA_DIST * ps[2] * k];
    const viewM = new Float64Array(16);
    [u, v, w].forEach((row, i) => {
      viewM[4 * i] = row[0];
      viewM[4 * i + 1] = row[1];
      viewM[4 * i + 2] = row[2];
      viewM[4 * i + 3] = -(row[0] * E[0] + row[1] * E[1] + row[2] * E[2]);
    });
    viewM[15] = 1;
    const projM = new Float64Array(16);
    if (Number.isFinite(f)) {
      // Perspective with zfront = -dist, zback = dist: depth' = -dist, w' = -z_view.
      projM[0] = f;
      projM[5] = f;
      projM[11] = -CAMERA_DIST;
      projM[14] = -1;
    } else {
      projM[0] = 2;
      projM[5] = 2;
      projM[10] = -2;
      projM[15] = 2 * CAMERA_DIST;
    }
    this.M = matmul(projM, matmul(viewM, worldM));
  }

  /**
   * Project one data point: [x, y] in the hidden 2-D axes' coordinates and the depth (larger = farther).
   * @example cam.project(0, 0, 0) // the box centre → [0, 0, -1]
   */
  project(x: number, y: number, z: number): Vec3 {
    const m = this.M;
    const w = m[12] * x + m[13] * y + m[14] * z + m[15];
    return [
      (m[0] * x + m[1] * y + m[2] * z + m[3]) / w,
      (m[4] * x + m[5] * y + m[6] * z + m[7]) / w,
      (m[8] * x + m[9] * y + m[10] * z + m[11]) / w,
    ];
  }
}

/**
 * The 2-D view limits of mplot3d's hidden axes (its `set_top_view`): the projected box is framed slightly off
 * centre, leaving room for tick labels on the left and bottom.
 */
export const VIEW_LIMITS = { x: [-0.95 / CAMERA_DIST, 0.9 / CAMERA_DIST], y: [-0.95 / CAMERA_DIST, 0.9 / CAMERA_DIST] };

/**
 * The eight corners of the limits box in mplot3d's order (`_unit_cube`): bottom face counter-clockwise from
 * (xmin, ymin, zmin), then the top face.
 * @example cubeCorners({ x: [0, 1], y: [0, 1], z: [0, 1] })[6] // [1, 1, 1]
 */
export function cubeCorners(l: Limits3D): Vec3[] {
  const [x0, x1] = l.x,
    [y0, y1] = l.y,
    [z0, z1] = l.z;
  return [
    [x0, y0, z0],
    [x1, y0, z0],
    [x1, y1, z0],
    [x0, y1, z0],
    [x0, y0, z1],
    [x1, y0, z1],
    [x1, y1, z1],
    [x0, y1, z1],
  ];
}

/** Corner indices of the six box faces: the x = min/max planes, then y, then z (mplot3d's `_PLANES`). */
export const PLANES: readonly (readonly [number, number, number, number])[] = [
  [0, 3, 7, 4],
  [1, 2, 6, 5],
  [0, 1, 5, 4],
  [3, 2, 6, 7],
  [0, 1, 2, 3],
  [4, 5, 6, 7],
];

/**
 * For each axis, whether the box face at its *maximum* is the farther one (mplot3d's `highs`): the grey pane of
 * that axis is drawn on the far face, and the axis lines run along the near edges. Edge-on views fall back as
 * in mplot3d.
 * @example paneHighs(new Camera({ elev: 30, azim: -60, limits })) // [false, true, false]
 */
export function paneHighs(cam: Camera): [boolean, boolean, boolean] {
  const tc = cubeCorners(cam.limits).map((p) => cam.project(p[0], p[1], p[2]));
  const mean = (face: readonly number[]) => face.reduce((s, i) => s + tc[i][2], 0) / face.length;
  const z0 = [0, 1, 2].map((i) => mean(PLANES[2 * i])),
    z1 = [0, 1, 2].map((i) => mean(PLANES[2 * i + 1]));
  const highs = z0.map((z, i) => z < z1[i]) as [boolean, boolean, boolean];
  const equal = z0.map((z, i) => Math.abs(z - z1[i]) <= Number.EPSILON);
  if (equal.filter(Boolean).length === 2) {
    const vertical = equal.indexOf(false);
    if (vertical === 2) return [true, true, highs[2]];
    if (vertical === 1) return [true, highs[1], false];
    return [highs[0], false, false];
  }
  return highs;
}

/** Maps the hidden 2-D axes' coordinates to pixels. */
export type ToPixel = (sx: number, sy: number) => [number, number];

/**
 * Pixel mapping for a square axes box: VIEW_LIMITS span the box, y flipped (SVG y grows downwards).
 * @example screenTransform({ x: 0, y: 0, width: 100, height: 100 })(-0.095, -0.095) // [0, 100]
 */
export function screenTransform(box: { x: number; y: number; width: number; height: number }): ToPixel {
  const [x0, x1] = VIEW_LIMITS.x,
    [y0, y1] = VIEW_LIMITS.y;
  const kx = box.width / (x1 - x0),
    ky = box.height / (y1 - y0);
  return (sx, sy) => [box.x + (sx - x0) * kx, box.y + box.height - (sy - y0) * ky];
}
