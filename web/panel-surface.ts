/**
 * @file The 3-D surface of f(x, y) drawn by gradtape/plot's Axes3D (the same renderer as the CLI and notebooks),
 * rotated by dragging (matplotlib's mouse mapping: 180° per box width/height) or with the arrow keys; each move
 * re-renders at the new elev/azim, which are shown and kept in the URL. The optimizer paths run over the surface.
 */
import { Figure, type Axes3D, type GridInput, type Trajectory } from './lib.js';
import { FigureView } from './figure-view.js';
import type { Range } from './state.js';

type Line3D = ReturnType<Axes3D['plot3D']>;

interface Path {
  line: Line3D;
  head: Line3D;
  xs: number[];
  ys: number[];
  zs: number[];
}

/** Wrap an angle to (-180, 180]. */
function wrap(deg: number): number {
  const a = ((deg % 360) + 360) % 360;
  return a > 180 ? a - 360 : a;
}

/**
 * The rotatable surface with the optimizer paths.
 * @example
 * const surface = new SurfaceView(host, readout, (elev, azim) => saveInUrl({ elev, azim }));
 * surface.setScene(X, Y, Z, [-1, 1], [-1, 1]); surface.setPath('sgd', tr, '#1f77b4'); surface.setFrame(10);
 */
export class SurfaceView {
  private readonly view: FigureView;
  private fig: Figure | null = null;
  private ax: Axes3D | null = null;
  private domain: { xr: Range; yr: Range } | null = null;
  private readonly paths = new Map<string, Path>();
  private frame = 0;
  private drag: { x: number; y: number; elev: number; azim: number } | null = null;
  private raf = 0;
  elev = 30;
  azim = -60;

  constructor(
    host: HTMLElement,
    private readonly readout: HTMLElement,
    private readonly onView: (elev: number, azim: number) => void,
  ) {
    this.view = new FigureView(host);
    host.addEventListener('pointerdown', (ev) => {
      if (!this.ax) return;
      host.setPointerCapture(ev.pointerId);
      this.drag = { x: ev.clientX, y: ev.clientY, elev: this.elev, azim: this.azim };
      host.classList.add('dragging');
    });
    host.addEventListener('pointermove', (ev) => {
      if (!this.drag || !this.ax) return;
      const a = this.view.toFigurePx(this.drag.x, this.drag.y),
        b = this.view.toFigurePx(ev.clientX, ev.clientY);
      if (!a || !b) return;
      const box = this.ax.box;
      this.setView(this.drag.elev + ((b.y - a.y) / box.height) * 180, this.drag.azim - ((b.x - a.x) / box.width) * 180);
    });
    const end = () => {
      if (!this.drag) return;
      this.drag = null;
      host.classList.remove('dragging');
      this.onView(this.elev, this.azim);
    };
    host.addEventListener('pointerup', end);
    host.addEventListener('pointercancel', end);
    host.addEventListener('keydown', (ev) => {
      const d = ev.shiftKey ? 15 : 5;
      const moves: Record<string, [number, number]> = {
        ArrowUp: [d, 0],
        ArrowDown: [-d, 0],
        ArrowLeft: [0, d],
        ArrowRight: [0, -d],
      };
      const m = moves[ev.key];
      if (!m || !this.ax) return;
      ev.preventDefault();
      this.setView(this.elev + m[0], this.azim + m[1]);
      this.onView(this.elev, this.azim);
    });
  }

  /** Draw a new surface (paths are cleared). @example surface.setScene(X, Y, Z, [-1, 1], [-1, 1]) */
  setScene(X: GridInput, Y: GridInput, Z: GridInput, xr: Range, yr: Range): void {
    const fig = new Figure({ width: 440, height: 400 });
    // Margins keep the tick labels of the near edges inside the figure at any azimuth.
    const ax = fig.addAxes3d({ rect: [0.06, 0.07, 0.88, 0.88] });
    ax.plotSurface(X, Y, Z, { cmap: 'viridis', alpha: 0.9 });
    ax.xlabel('x');
    ax.ylabel('y');
    ax.zlabel('f');
    // Freeze the box to the surface so paths (which may run far outside) never rescale it.
    ax.setXlim(xr[0], xr[1]);
    ax.setYlim(yr[0], yr[1]);
    const [z0, z1] = ax.getZlim();
    ax.setZlim(z0, z1 > z0 ? z1 : z0 + 1);
    ax.viewInit(this.elev, this.azim);
    this.fig = fig;
    this.ax = ax;
    this.domain = { xr, yr };
    this.paths.clear();
    this.view.show(fig);
    this.showReadout();
  }

  /** Show a message (and an optional caret picture) instead of the surface. @example surface.message('no finite values') */
  message(text: string, picture = ''): void {
    this.fig = null;
    this.ax = null;
    this.view.message(text, picture);
  }

  /**
   * Add an optimizer's path (points outside the plotted square are left out, so a diverging path leaves a gap
   * instead of flying across the picture).
   * @example surface.setPath('adam', trajectory, '#9467bd')
   */
  setPath(key: string, tr: Trajectory, color: string): void {
    if (!this.ax || !this.domain) return;
    const { xr, yr } = this.domain;
    const xs: number[] = [],
      ys: number[] = [],
      zs: number[] = [];
    tr.points.forEach(([x, y], i) => {
      const inside = x! >= xr[0] && x! <= xr[1] && y! >= yr[0] && y! <= yr[1] && Number.isFinite(tr.losses[i]);
      xs.push(inside ? x! : NaN);
      ys.push(inside ? y! : NaN);
      zs.push(inside ? tr.losses[i]! : NaN);
    });
    const line = this.ax.plot3D([], [], [], { color, lineWidth: 2, animated: true });
    const head = this.ax.plot3D([], [], [], { color, marker: 'o', markerSize: 5, lineStyle: 'none', animated: true });
    this.paths.set(key, { line, head, xs, ys, zs });
    this.setFrame(this.frame);
  }

  /** Drop the paths (new start point or optimizers); the axes has no remove, so old lines are hidden. @example surface.clearPaths() */
  clearPaths(): void {
    for (const p of this.paths.values()) {
      p.line.setVisible(false);
      p.head.setVisible(false);
    }
    this.paths.clear();
    this.view.redraw();
  }

  /** Show the paths up to step k. @example surface.setFrame(10) */
  setFrame(k: number): void {
    this.frame = k;
    for (const p of this.paths.values()) {
      const n = Math.min(p.xs.length, k + 1);
      p.line.setData(p.xs.slice(0, n), p.ys.slice(0, n), p.zs.slice(0, n));
      p.head.setData([p.xs[n - 1]!], [p.ys[n - 1]!], [p.zs[n - 1]!]);
    }
    this.view.redraw();
  }

  /** Set the camera and re-render on the next frame (drags fire faster than frames). @example surface.setView(30, -60) */
  setView(elev: number, azim: number): void {
    this.elev = Math.round(wrap(elev) * 10) / 10;
    this.azim = Math.round(wrap(azim) * 10) / 10;
    this.showReadout();
    cancelAnimationFrame(this.raf);
    this.raf = requestAnimationFrame(() => {
      if (!this.ax || !this.fig) return;
      this.ax.viewInit(this.elev, this.azim);
      this.view.show(this.fig);
    });
  }

  private showReadout(): void {
    const f = (v: number) => `${v}`.replace('-', '−');
    this.readout.textContent = `elev ${f(this.elev)}°  azim ${f(this.azim)}°`;
  }
}
