/**
 * @file Two-variable mode: formula, ranges, start point (typed, or clicked on the contour plot, or nudged with the
 * arrow keys there), optimizers with hyper-parameters and a step budget. The surface and the labelled contours
 * are drawn on the page; the optimizer paths are computed by gradtape's `descend` in a worker and played step by
 * step over the contour, the surface and the loss chart.
 */
import { broadcastTo, linspace, meshgrid, scalar, type ExprFunction, type Trajectory } from './lib.js';
import { caretPicture, compileFormula, focusColumn, showFormulaError } from './formula.js';
import { FigureView } from './figure-view.js';
import { SurfaceView } from './panel-surface.js';
import { OptimizerPicker, colorOf } from './optimizer-picker.js';
import { Player } from './player.js';
import { DescentClient } from './descent-client.js';
import { StatusList } from './status-list.js';
import {
  addContourPath,
  contourScene,
  lossScene,
  showContourFrame,
  showLossFrame,
  type ContourScene,
  type LossScene,
} from './descent-figures.js';
import { OPTIMIZERS, PRESETS, presetOf, type OptimizerId, type PresetId } from './presets.js';
import { MAX_STEPS, presetState, type Range, type State } from './state.js';
import { byId, countFinite, formatNumber, readRange } from './util.js';

/** Grid points per axis for the contour and the surface. */
const GRID = 81;

export type Panel2DState = Pick<State, 'f2' | 'xr' | 'yr' | 'start' | 'opts' | 'steps' | 'elev' | 'azim' | 'step'>;

/**
 * The two-variable (descent) mode.
 * @example const panel = new Panel2D(document.querySelector('#panel-2d')!, (c) => saveInUrl(c)); panel.load(state);
 */
export class Panel2D {
  private readonly contourView: FigureView;
  private readonly lossView: FigureView;
  private readonly surface: SurfaceView;
  private readonly picker: OptimizerPicker;
  private readonly player: Player;
  private readonly client: DescentClient;
  private readonly status: StatusList;
  private f: ExprFunction | null = null;
  private contour: ContourScene | null = null;
  private loss: LossScene | null = null;
  private results = new Map<OptimizerId, Trajectory>();
  private expected = 0;
  private pendingStep = 0;
  private timer = 0;
  /** Count scenes and hovers: values arrive asynchronously (on a GPU), and only the latest may show. */
  private scenes = 0;
  private hovers = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly onChange: (c: Partial<Panel2DState>) => void,
  ) {
    this.contourView = new FigureView(byId(root, 'contour'));
    this.lossView = new FigureView(byId(root, 'loss'));
    this.surface = new SurfaceView(byId(root, 'surface'), byId(root, 'view-readout'), (elev, azim) =>
      this.onChange({ elev, azim }),
    );
    this.picker = new OptimizerPicker(byId(root, 'optimizers'), () => {
      this.onChange({ opts: this.picker.value() });
      this.recompute();
    });
    this.player = new Player(
      root,
      (k) => this.drawFrame(k),
      (k) => this.onChange({ step: k }),
    );
    this.client = new DescentClient((key, r) => this.onResult(key, r));
    this.status = new StatusList(byId(root, 'opt-status'));
    const later = (fn: () => void) => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(fn, 150);
    };
    for (const id of ['f2', 'xr-min', 'xr-max', 'yr-min', 'yr-max']) {
      byId(root, id).addEventListener('input', () => later(() => this.rebuild(true)));
    }
    for (const id of ['x0', 'y0', 'steps'])
      byId(root, id).addEventListener('input', () => later(() => this.startChanged()));
    byId(root, 'f2-error').addEventListener('click', () => {
      const col = Number(byId(root, 'f2-error').dataset.column);
      if (col > 0) focusColumn(byId<HTMLInputElement>(root, 'f2'), col);
    });
    byId<HTMLSelectElement>(root, 'preset').addEventListener('change', (ev) => {
      const id = (ev.target as HTMLSelectElement).value as PresetId;
      if (id in PRESETS) this.applyPreset(id);
    });
    const host = this.contourView.host;
    host.addEventListener('click', (ev) => {
      const p = this.contour && this.contourView.toData(this.contour.ax, ev.clientX, ev.clientY);
      if (p?.inside) this.setStart(p.x, p.y);
    });
    host.addEventListener('pointermove', (ev) => this.hover(ev.clientX, ev.clientY));
    host.addEventListener('keydown', (ev) => this.nudge(ev));
  }

  private input(id: string): HTMLInputElement {
    return byId<HTMLInputElement>(this.root, id);
  }

  /** Fill every control from the state and draw (the step shown is restored once the paths are in). @example panel.load(parseState(location.search).state) */
  load(s: Panel2DState): void {
    this.input('f2').value = s.f2;
    [this.input('xr-min').value, this.input('xr-max').value] = s.xr.map(String);
    [this.input('yr-min').value, this.input('yr-max').value] = s.yr.map(String);
    [this.input('x0').value, this.input('y0').value] = s.start.map(String);
    this.input('steps').value = String(s.steps);
    this.picker.load(s.opts);
    byId<HTMLSelectElement>(this.root, 'preset').value = presetOf(s.f2) ?? '';
    this.surface.elev = s.elev;
    this.surface.azim = s.azim;
    this.pendingStep = s.step;
    this.rebuild(false);
  }

  /** Draw the grid again (the backend changed); the paths come from the worker as before. @example panel.redraw() */
  redraw(): void {
    this.rebuild(false);
  }

  /** Keyboard: Space plays/pauses (the page forwards it when no text box has focus). @example panel.togglePlay() */
  togglePlay(): void {
    this.player.toggle();
  }

  private applyPreset(id: PresetId): void {
    this.load(presetState(id));
    this.onChange(presetState(id));
  }

  /** Formula or ranges changed: new grid, contour and surface, then new paths. */
  private rebuild(changed: boolean): void {
    const compiled = compileFormula(this.input('f2').value, ['x', 'y']);
    showFormulaError(this.input('f2'), byId(this.root, 'f2-error'), compiled);
    const xr = readRange(this.input('xr-min'), this.input('xr-max'), byId(this.root, 'xr-error'), 'x');
    const yr = readRange(this.input('yr-min'), this.input('yr-max'), byId(this.root, 'yr-error'), 'y');
    for (const v of [this.contourView.host, byId(this.root, 'surface')])
      v.classList.toggle('stale', !compiled.ok || !xr || !yr);
    if (!compiled.ok || !xr || !yr) {
      // Nothing can run until this is fixed. With no scene yet (a link with a typo), the panels show the error.
      this.player.setEnabled(false);
      if (!compiled.ok && !this.contour)
        this.showError(`Cannot draw f(x, y): ${compiled.message}`, caretPicture(this.input('f2').value, compiled));
      return;
    }
    if (changed) {
      this.onChange({ f2: compiled.f.source, xr, yr });
      byId<HTMLSelectElement>(this.root, 'preset').value = presetOf(compiled.f.source) ?? '';
    }
    this.f = compiled.f;
    const scene = ++this.scenes;
    const failed = (e: unknown) =>
      this.showError(`Cannot draw this formula: ${e instanceof Error ? e.message : String(e)}`);
    try {
      this.drawScene(compiled.f, xr, yr, scene)
        .then((drawn) => {
          if (drawn) this.recompute(!changed);
        })
        .catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  /** The contour, surface and loss panels show `text` (and a caret picture) instead of figures; Play is off. */
  private showError(text: string, picture = ''): void {
    this.contour = null;
    this.loss = null;
    this.f = null;
    this.results.clear();
    this.client.stop();
    this.player.setEnabled(false);
    for (const v of [this.contourView.host, byId(this.root, 'surface')]) v.classList.remove('stale');
    this.contourView.message(text, picture);
    this.surface.message(text, picture);
    this.lossView.message('No optimizer paths until f(x, y) can be drawn.');
  }

  /** Samples f on the grid (on the active backend) and draws the contour and the surface; false if not drawn. */
  private async drawScene(f: ExprFunction, xr: Range, yr: Range, scene: number): Promise<boolean> {
    const [Xt, Yt] = meshgrid(linspace(xr[0], xr[1], GRID), linspace(yr[0], yr[1], GRID));
    const Zt = broadcastTo(f(Xt, Yt), Xt.shape);
    // awaited reads: the active backend may be a GPU, whose values arrive asynchronously
    const [X, Y, Z] = (await Promise.all([Xt.array(), Yt.array(), Zt.array()])) as number[][][];
    if (scene !== this.scenes) return false; // a newer formula or range arrived meanwhile
    const finite = countFinite(Z.flat());
    const note = byId(this.root, 'note2');
    if (finite < 4) {
      note.textContent = '';
      this.showError(`f(x, y) = ${f.toString()} has no finite values on this square; try other ranges.`);
      return false;
    }
    note.textContent =
      finite < GRID * GRID
        ? `f is undefined or infinite at ${GRID * GRID - finite} of ${GRID * GRID} grid points (blank regions).`
        : '';
    const preset = presetOf(f.source);
    this.contour = contourScene(X, Y, Z, xr, yr, this.readStart() ?? [0, 0], preset ? PRESETS[preset].levels : 12);
    this.contourView.show(this.contour.fig);
    this.surface.setScene(X, Y, Z, xr, yr);
    return true;
  }

  private readStart(): [number, number] | null {
    const x = Number(this.input('x0').value),
      y = Number(this.input('y0').value);
    const ok =
      this.input('x0').value.trim() !== '' &&
      this.input('y0').value.trim() !== '' &&
      Number.isFinite(x) &&
      Number.isFinite(y);
    byId(this.root, 'start-error').textContent = ok ? '' : 'The start point must be two finite numbers.';
    byId(this.root, 'start-error').hidden = ok;
    return ok ? [x, y] : null;
  }

  private readSteps(): number | null {
    const v = Number(this.input('steps').value);
    const ok = Number.isInteger(v) && v >= 1 && v <= MAX_STEPS;
    byId(this.root, 'steps-error').textContent = ok ? '' : `Steps must be a whole number from 1 to ${MAX_STEPS}.`;
    byId(this.root, 'steps-error').hidden = ok;
    return ok ? v : null;
  }

  private startChanged(): void {
    const start = this.readStart(),
      steps = this.readSteps();
    if (start && steps) this.onChange({ start, steps, step: 0 });
    this.recompute();
  }

  private setStart(x: number, y: number): void {
    this.input('x0').value = String(+x.toPrecision(4));
    this.input('y0').value = String(+y.toPrecision(4));
    this.startChanged();
  }

  private nudge(ev: KeyboardEvent): void {
    const start = this.readStart();
    const xr = readRange(this.input('xr-min'), this.input('xr-max'), byId(this.root, 'xr-error'), 'x');
    const yr = readRange(this.input('yr-min'), this.input('yr-max'), byId(this.root, 'yr-error'), 'y');
    const dir: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const d = dir[ev.key];
    if (!d || !start || !xr || !yr) return;
    ev.preventDefault();
    const k = ev.shiftKey ? 0.1 : 0.02;
    this.setStart(start[0] + d[0] * k * (xr[1] - xr[0]), start[1] + d[1] * k * (yr[1] - yr[0]));
  }

  /**
   * Start (or restart) the optimizer runs for the current start point, optimizers and steps. Only a `load` (a
   * shared link) keeps the step to show once the paths are in; any edit starts from step 0.
   */
  private recompute(keepStep = false): void {
    if (!keepStep) this.pendingStep = 0;
    const start = this.readStart(),
      steps = this.readSteps();
    this.results.clear();
    this.player.pause();
    const runs = this.picker.runs();
    this.status.reset(runs.map((r) => r.id));
    if (this.contour) {
      this.contour.paths.clear();
      for (const a of this.contour.ax.artists()) if (a.animated && a !== this.contour.start) a.setVisible(false);
      if (start) this.contour.start.setData([start[0]], [start[1]]);
      this.contourView.redraw();
    }
    this.surface.clearPaths();
    this.drawLoss(steps ?? 1);
    this.player.setEnabled(Boolean(this.f && start && steps && this.contour));
    if (!this.f || !start || !steps || !this.contour) {
      this.client.stop();
      this.player.waiting = false;
      if (runs.length > 0)
        this.status.idle('Nothing to run until the formula, ranges, start point and steps are valid.');
      return;
    }
    this.expected = runs.length;
    this.player.waiting = runs.length > 0;
    this.player.setLength(1);
    if (this.pendingStep === 0) this.player.seek(0);
    this.client.run({ formula: this.f.source, start, steps, runs: runs.map((r) => ({ key: r.id, spec: r.spec })) });
  }

  private onResult(key: string, r: { trajectory: Trajectory } | { error: string }): void {
    if (key === '*') {
      this.status.failAll('error' in r ? r.error : '');
      this.player.waiting = false;
      return;
    }
    const id = key as OptimizerId;
    if ('error' in r) {
      // The library prefixes the spec ("optimizerFromSpec('sgd:…'): "); the row already shows it.
      const message = r.error.replace(/^optimizerFromSpec\('[^']*'\):\s*/, '');
      this.picker.showError(id, message);
      this.status.fail(id, message);
    } else {
      this.results.set(id, r.trajectory);
      if (this.contour) addContourPath(this.contour, id, r.trajectory, colorOf(id));
      this.surface.setPath(id, r.trajectory, colorOf(id));
      if (this.contour) {
        const { xr, yr } = this.contour;
        this.status.done(id, r.trajectory, xr[0], xr[1], yr[0], yr[1]);
      }
    }
    this.expected--;
    this.player.waiting = this.expected > 0;
    this.drawLoss(this.readSteps() ?? 1);
    const longest = Math.max(1, ...[...this.results.values()].map((t) => t.points.length));
    this.player.setLength(longest);
    if (this.expected === 0 && this.pendingStep > 0) {
      const k = this.pendingStep;
      this.pendingStep = 0;
      this.player.seek(k);
    }
  }

  private drawLoss(steps: number): void {
    const items = [...this.results.entries()].map(([id, tr]) => ({
      key: id,
      label: OPTIMIZERS[id].label,
      color: colorOf(id),
      tr,
    }));
    const xr: Range = this.contour ? this.contour.xr : [-Infinity, Infinity];
    const yr: Range = this.contour ? this.contour.yr : [-Infinity, Infinity];
    this.loss = lossScene(items, steps, xr, yr, this.lossView.fitSize(540, 0.52));
    this.lossView.show(this.loss.fig);
    this.drawFrame(this.player.current);
  }

  private drawFrame(k: number): void {
    if (this.contour) {
      showContourFrame(this.contour, k);
      this.contourView.redraw();
    }
    if (this.loss) {
      showLossFrame(this.loss, k);
      this.lossView.redraw();
    }
    this.surface.setFrame(k);
    this.status.frame(k);
    this.root.dataset.step = String(k);
  }

  private hover(clientX: number, clientY: number): void {
    const out = byId(this.root, 'readout2');
    const p = this.contour && this.f && this.contourView.toData(this.contour.ax, clientX, clientY);
    if (!p?.inside || !this.f) {
      out.textContent = 'Click the contour plot to start the optimizers there.';
      return;
    }
    const hover = ++this.hovers;
    const value = this.f(scalar(p.x), scalar(p.y));
    (async () => (await value.data())[0])().then((z) => {
      if (hover !== this.hovers) return;
      out.textContent = `x = ${formatNumber(p.x)}   y = ${formatNumber(p.y)}   f = ${formatNumber(z)}   (click to start here)`;
    });
  }
}
