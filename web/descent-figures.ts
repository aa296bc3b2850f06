/**
 * @file The two 2-D figures of the descent mode, built with gradtape/plot: the labelled contour plot with the start
 * point and one animated path (line + head) per optimizer, and the loss-per-step chart (a faint full curve per
 * optimizer in the static layer, the part played so far animated on top).
 */
import { Figure, type Axes, type GridInput, type Line, type Trajectory } from './lib.js';
import type { Range } from './state.js';
import { nearWindow } from './util.js';

interface ShownPath {
  line: Line;
  head: Line;
  xs: number[];
  ys: number[];
}
export interface ContourScene {
  fig: Figure;
  ax: Axes;
  start: Line;
  xr: Range;
  yr: Range;
  paths: Map<string, ShownPath>;
}

/**
 * The contour figure of Z over the grid, limits fixed to the ranges, with an animated start marker.
 * @example const scene = contourScene(X, Y, Z, [-1, 1], [-1, 1], [0.25, -0.5], 10);
 */
export function contourScene(
  X: GridInput,
  Y: GridInput,
  Z: GridInput,
  xr: Range,
  yr: Range,
  start: [number, number],
  levels: number | readonly number[] = 12,
): ContourScene {
  const fig = new Figure({ width: 440, height: 400 });
  const ax = fig.addAxes({ rect: [0.16, 0.12, 0.81, 0.85] });
  const cs = ax.contour(X, Y, Z, { levels });
  // Explicit (preset) levels are round numbers: print them as given ('%g'), not with a shared decimal count.
  ax.clabel(cs, { inline: true, fontSize: 8, format: typeof levels === 'number' ? undefined : '%g' });
  ax.setXlim(xr[0], xr[1]);
  ax.setYlim(yr[0], yr[1]);
  ax.xlabel('x');
  ax.ylabel('y');
  const startMark = ax.plot([start[0]], [start[1]], {
    color: 'black',
    marker: 'o',
    markerSize: 8,
    lineStyle: 'none',
    animated: true,
    zorder: 5,
  });
  return { fig, ax, start: startMark, xr, yr, paths: new Map() };
}

/**
 * Add an optimizer's path (drawn empty; `showContourFrame` reveals it step by step).
 * @example addContourPath(scene, 'adam', tr, '#1f77b4')
 */
export function addContourPath(scene: ContourScene, key: string, tr: Trajectory, color: string): void {
  const line = scene.ax.plot([], [], { color, lineWidth: 2, animated: true, zorder: 3 });
  const head = scene.ax.plot([], [], {
    color,
    marker: 'o',
    markerSize: 6,
    markerEdgeColor: 'white',
    lineStyle: 'none',
    animated: true,
    zorder: 4,
  });
  const xs = tr.points.map((p) => nearWindow(p[0]!, scene.xr[0], scene.xr[1]));
  const ys = tr.points.map((p) => nearWindow(p[1]!, scene.yr[0], scene.yr[1]));
  scene.paths.set(key, { line, head, xs, ys });
}

/** Show every path up to step k (a path that stopped earlier stays at its last point). @example showContourFrame(scene, 10); view.redraw(); */
export function showContourFrame(scene: ContourScene, k: number): void {
  for (const { line, head, xs, ys } of scene.paths.values()) {
    const n = Math.min(xs.length, k + 1);
    line.setData(xs.slice(0, n), ys.slice(0, n));
    head.setData([xs[n - 1]!], [ys[n - 1]!]);
  }
}

export interface LossScene {
  fig: Figure;
  ax: Axes;
  lines: Map<string, { line: Line; losses: number[] }>;
}

/** The losses while the path is on the plotted square (through the first point off it), the rest NaN. */
function onSquare(tr: Trajectory, xr: Range, yr: Range): number[] {
  const off = tr.points.findIndex(([x, y]) => !(x! >= xr[0] && x! <= xr[1] && y! >= yr[0] && y! <= yr[1]));
  return tr.losses.map((l, i) => (off < 0 || i <= off ? l : NaN));
}

/**
 * The loss chart for the given paths. Each path's loss while it is on the plotted square is drawn faintly in the
 * static layer and sets the limits, so a path that runs off to an unbounded or overflowing loss (a saddle, a huge
 * learning rate) does not squash the others flat; its played curve is clipped at the edge instead.
 * @example const loss = lossScene([{ key: 'sgd', label: 'SGD', color: '#1f77b4', tr }], 120, [-1, 1], [-1, 1]);
 */
export function lossScene(
  items: { key: string; label: string; color: string; tr: Trajectory }[],
  steps: number,
  xr: Range,
  yr: Range,
  size = { width: 540, height: 280 },
): LossScene {
  const fig = new Figure(size);
  const ax = fig.addAxes({ rect: { x: 72, y: 22, width: size.width - 94, height: size.height - 70 } });
  ax.xlabel('step');
  ax.ylabel('$f(x, y)$');
  ax.grid(true, { alpha: 0.35 });
  for (const { tr, color } of items) {
    // Overflowing values are cut too: the window must stay finite and drawable.
    const ls = onSquare(tr, xr, yr).map((l) => (Math.abs(l) < 1e12 ? l : NaN));
    ax.plot(
      ls.map((_l, i) => i),
      ls,
      { color, alpha: 0.18, lineWidth: 1.5 },
    );
  }
  ax.setXlim(0, Math.max(1, steps));
  const [y0, y1] = ax.getYlim();
  if (items.length > 0) ax.setYlim(y0, y1);
  const lines = new Map<string, { line: Line; losses: number[] }>();
  for (const { key, label, color, tr } of items) {
    const losses = tr.losses.map((l) => nearWindow(l, y0, y1));
    lines.set(key, { line: ax.plot([], [], { color, lineWidth: 2, label, animated: true }), losses });
  }
  if (items.length > 0) ax.legend({ loc: 'upper right', fontSize: 8 });
  return { fig, ax, lines };
}

/** Show the loss curves up to step k. @example showLossFrame(loss, 10); lossView.redraw(); */
export function showLossFrame(scene: LossScene, k: number): void {
  for (const { line, losses } of scene.lines.values()) {
    const ls = losses.slice(0, k + 1);
    line.setData(
      ls.map((_l, i) => i),
      ls,
    );
  }
}
