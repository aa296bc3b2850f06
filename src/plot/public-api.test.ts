/**
 * @file The public surface of gradtape/plot: 3-D artists, option and animation types
 * are exported from the entry; colorbar takes any colour-mapped artist by shape (a 3-D surface without casts);
 * addAxes3d / addSubplot(…, { projection: '3d' }) forward the view options. Types are checked by compiling a
 * user's snippet with the TypeScript compiler against the entry (vitest alone strips types).
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as plot from './index.js';
import { Figure } from './index.js';

const grid = () => {
  const X = [
      [-1, 0, 1],
      [-1, 0, 1],
      [-1, 0, 1],
    ],
    Y = X.map((_, i) => [i - 1, i - 1, i - 1]);
  return { X, Y, Z: X.map((r, i) => r.map((x) => x * x - (i - 1) ** 2)) };
};

describe('public API of gradtape/plot', () => {
  it('exports the 3-D artists and the camera', () => {
    for (const name of ['Surface3D', 'Line3D', 'Scatter3D', 'Wireframe3D', 'Camera', 'Axes3D'] as const) {
      expect(typeof (plot as Record<string, unknown>)[name], name).toBe('function');
    }
    const ax = new Figure().addAxes3d();
    const { X, Y, Z } = grid();
    expect(ax.plotSurface(X, Y, Z)).toBeInstanceOf(plot.Surface3D);
    expect(ax.plot3D([0, 1], [0, 1], [0, 1])).toBeInstanceOf(plot.Line3D);
  });

  it('addAxes3d and addSubplot(…, { projection: "3d" }) forward elev, azim, roll, projType, focalLength', () => {
    const fig = new Figure();
    const a = fig.addAxes3d({ elev: -140, azim: 120, roll: 10, rect: [0, 0, 0.5, 1] });
    expect([a.elev, a.azim, a.roll]).toEqual([-140, 120, 10]);
    const b = fig.addSubplot(1, 2, 2, { projection: '3d', elev: 20, azim: 45, projType: 'persp', focalLength: 0.2 });
    expect([b.elev, b.azim, b.roll]).toEqual([20, 45, 0]);
    // The options reach the camera: a shorter focal length is a different perspective.
    expect(b.camera().project(1, 1, 1)).not.toEqual(fig.addAxes3d({ elev: 20, azim: 45 }).camera().project(1, 1, 1));
    expect(() => fig.addAxes3d({ projType: 'ortho', focalLength: 2 })).toThrow(
      /setProjType: ortho takes no focalLength/,
    );
    expect(() => fig.addSubplot(2, 2, 1, { elev: 10 })).toThrow(/addSubplot: elev need projection: '3d'/);
  });

  it('colorbar takes a colour-mapped surface structurally (fig.colorbar too) and rejects one without a cmap', () => {
    const fig = new Figure();
    const ax = fig.addAxes3d();
    const { X, Y, Z } = grid();
    const surf = ax.plotSurface(X, Y, Z, { cmap: 'coolwarm' });
    const cb = fig.colorbar(surf, { shrink: 0.5, aspect: 5 });
    expect(cb.mappable).toBe(surf);
    expect(fig.toSVG()).toContain('linearGradient');
    const plain = ax.plotSurface(X, Y, Z);
    expect(() => new plot.Colorbar({ x: 0, y: 0, width: 10, height: 100 }, plain, 100, {})).toThrow(
      /colorbar: mappable must be a contour set or a colour-mapped artist .*cmap undefined/,
    );
    // Anything with a cmap name and limits works, e.g. a hand-made mappable on a 2-D axes.
    const ax2 = new Figure().addAxes();
    expect(ax2.colorbar({ cmap: 'viridis', vmin: 0, vmax: 2 }).rect.height).toBeGreaterThan(0);
  });

  it('types: a user can name the 3-D, colorbar and animation types from the entry', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url)).replace(/\\/g, '/');
    const snippet = `
      import { Figure, FuncAnimation, type Axes3DOptions, type SurfaceOptions, type LightSource, type Line3DOptions,
        type Scatter3DOptions, type WireframeOptions, type Limits3D, type FuncAnimationOptions, type SaveOptions,
        type AnimatableFigure, type Mappable, Surface3D, Line3D, Scatter3D, Wireframe3D, Camera } from '${entry.replace(/\.ts$/, '.js')}';
      const view: Axes3DOptions = { elev: 20, azim: 45, roll: 0, projType: 'persp', focalLength: 1 };
      const fig = new Figure();
      const ax = fig.addAxes3d({ ...view, rect: [0, 0, 1, 1] });
      const ax2 = fig.addSubplot(1, 2, 2, { projection: '3d', elev: -140, azim: 120 });
      const so: SurfaceOptions = { cmap: 'viridis', lightSource: { azdeg: 0, altdeg: 45 } satisfies LightSource };
      const surf: Surface3D = ax.plotSurface([[0, 1], [0, 1]], [[0, 0], [1, 1]], [[0, 1], [1, 2]], so);
      const m: Mappable = surf;
      fig.colorbar(surf); ax.colorbar(surf); void ax2; void m;
      const lo: Line3DOptions = {}, sco: Scatter3DOptions = {}, wo: WireframeOptions = {};
      const l: Line3D = ax.plot3D([0], [0], [0], lo); const s: Scatter3D = ax.scatter3D([0], [0], [0], sco);
      const w: Wireframe3D = ax.plotWireframe([[0, 1], [0, 1]], [[0, 0], [1, 1]], [[0, 1], [1, 2]], wo);
      const lim: Limits3D = ax.camera().limits; const cam: Camera = ax.camera();
      const af: AnimatableFigure = fig;
      const fo: FuncAnimationOptions = { frames: 3, interval: 50, blit: 'auto' };
      const sv: SaveOptions = { fps: 10 };
      const anim = new FuncAnimation(af, () => {}, fo); void anim.save('x.gif', sv);
      void l; void s; void w; void lim; void cam;
    `;
    const file = fileURLToPath(new URL('./__public-api-snippet.ts', import.meta.url));
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host),
      exists = host.fileExists.bind(host),
      get = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === file ? snippet : read(f));
    host.fileExists = (f) => f === file || exists(f);
    host.getSourceFile = (f, lang, ...rest) =>
      f === file ? ts.createSourceFile(f, snippet, lang) : get(f, lang, ...rest);
    const program = ts.createProgram([file], options, host);
    const errors = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  }, 60_000);
});
