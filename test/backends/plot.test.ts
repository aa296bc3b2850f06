/**
 * @file Plot calls given tensors that cannot be read synchronously (WebGPU, and 'async-cpu', which behaves as it
 * does on the CPU's kernels): the figure drawn from them, once `fig.ready()` (or `fig.save`) has read them, is the
 * same SVG as the figure drawn from their values read by hand, call for call. And what must not pass silently:
 * synchronous reads before the values are here, errors only the values reveal, synchronous setters.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { Figure, FuncAnimation, histogram } from '../../src/plot/index.js';
import { svgFrames, svgFramesAwaiting } from '../../src/plot/animation/anim-frames.js';
import { describeOnBackends } from './harness.js';

/** Element ids (clip paths, gradients, TeX glyphs) are numbered per figure made; they are all that may differ. */
const sameIds = (svg: string) =>
  svg.replace(/-[a-z0-9]+-[a-z0-9]+(?=["')])/g, '-ID').replace(/mjx-[a-z0-9]+-[a-z0-9]+-\d+-/g, 'mjx-ID-');

/** A tensor's values in a host form plot calls take (a nested array of the right shape). */
async function host(t: Tensor): Promise<number[] | number[][]> {
  return (await t.array()) as number[] | number[][];
}

/** The tutorial's data on the active backend: f(x) = 5 sin(2x) + x² with f′, and the surface (sin 4x − cos 5y)/5. */
function tutorialData() {
  const x = g.linspace(-3, 3, 41);
  const tape = new g.GradientTape();
  const f = tape.record(() => {
    tape.watch(x);
    return g.add(g.mul(5, g.sin(g.mul(2, x))), g.square(x));
  });
  const df = tape.gradient(f, x) as Tensor;
  const [X, Y] = g.meshgrid(g.linspace(-1, 1, 21), g.linspace(-1, 1, 17));
  const Z = g.div(g.sub(g.sin(g.mul(4, X)), g.cos(g.mul(5, Y))), 5);
  return { x, f, df, X, Y, Z };
}

type Data = ReturnType<typeof tutorialData>;
/** The same calls take the tensors or their host values (nested arrays), so each field is typed as either. */
type AnyData = { [K in keyof Data]: Tensor | number[] | number[][] };

/** One figure using every plot call that takes data, from either the tensors or their host values. */
function drawAll(d: AnyData) {
  const fig = new Figure({ width: 900, height: 700 });
  const [a1, a2, a3, a4] = fig.subplots(2, 3);
  const v = d as Record<keyof Data, Tensor & number[][]>;
  a1.plot(v.x, v.f, { label: '$f(x)$' });
  a1.plot(v.x, v.df, 'r--', { label: "$f'(x)$" });
  a1.plot(v.f);
  a1.fillBetween(v.x, v.f, v.df, { alpha: 0.2 });
  a1.setXticks(Array.isArray(v.x) ? [-2, 0, 2] : g.tensor([-2, 0, 2]));
  a1.legend();
  const cs = a2.contour(v.X, v.Y, v.Z, { levels: 8 });
  a2.clabel(cs, { inline: true, fontSize: 8 });
  const cf = a3.contourf(v.Z, { levels: 6 });
  a3.colorbar(cf);
  const sc = a4.scatter(v.x, v.f, { c: v.df, cmap: 'plasma' });
  fig.colorbar(sc);
  const hist = a4.hist(v.f, { bins: 7, alpha: 0.3 });
  a4.bar(v.x, v.df, { width: 0.05 });
  const im = fig.addAxes({ rect: [0.72, 0.08, 0.25, 0.35] }).imshow(v.Z, { cmap: 'magma' });
  const ax3 = fig.addAxes3d({ rect: [0.72, 0.55, 0.25, 0.4], elev: 40, azim: -50 });
  const surf = ax3.plotSurface(v.X, v.Y, v.Z, { cmap: 'coolwarm' });
  ax3.colorbar(surf, { shrink: 0.5 });
  ax3.plotWireframe(v.X, v.Y, v.Z, { rstride: 4, cstride: 4 });
  ax3.plot3D(v.x, v.f, v.df);
  ax3.scatter3D(v.x, v.df, 0);
  fig.tightLayout();
  return { fig, a1, a2, cs, hist, im, surf };
}

/** A curve and a red dot on it (the dot is what an animation moves). */
function drawDot(xs: number[], fs: number[]) {
  const fig = new Figure({ width: 240, height: 180 });
  const ax = fig.addAxes();
  ax.plot(xs, fs);
  const line = ax.plot([xs[0]], [fs[0]], 'ro');
  return { fig, line };
}

describeOnBackends('plot calls given tensors that are read asynchronously', () => {
  it('draw the same figure as their values read by hand, every plot call', async () => {
    const d = tutorialData();
    const values = Object.fromEntries(
      await Promise.all(Object.entries(d).map(async ([k, t]) => [k, await host(t)] as const)),
    ) as AnyData;
    const fromTensors = drawAll(d);
    const fromValues = drawAll(values);
    await fromTensors.fig.ready();
    expect(sameIds(fromTensors.fig.toSVG())).toBe(sameIds(fromValues.fig.toSVG()));
    // what the calls returned was filled in
    expect(fromTensors.a1.getXlim()).toEqual(fromValues.a1.getXlim());
    expect([...fromTensors.hist.counts]).toEqual([...fromValues.hist.counts]);
    expect([...fromTensors.hist.edges]).toEqual([...fromValues.hist.edges]);
    expect(fromTensors.hist.counts.reduce((a, b) => a + b, 0)).toBe(41);
    expect(fromTensors.cs.levels).toEqual(fromValues.cs.levels);
    expect(fromTensors.cs.labelPlacements(fromTensors.a2.context()).length).toBeGreaterThan(0);
    expect(fromTensors.surf.cmap).toBe('coolwarm');
  });

  it('fig.save reads them itself and writes the PNG; sync reads before then say to await fig.ready()', async () => {
    const { x, f } = tutorialData();
    const fig = new Figure({ width: 320, height: 240 });
    const ax = fig.addAxes();
    const [line] = [ax.plot(x, f)];
    line.setLabel('kept'); // set while the values are still coming: kept when they arrive
    expect(() => fig.toSVG()).toThrow(/toSVG: .*GPU tensors .*await fig\.ready\(\)/);
    expect(() => ax.getXlim()).toThrow(/getXlim: .*await fig\.ready\(\)/);
    const dir = await mkdtemp(join(tmpdir(), 'gradtape-plot-'));
    try {
      await fig.save(join(dir, 'f.png'));
      const png = await readFile(join(dir, 'f.png'));
      expect([...png.subarray(1, 4)]).toEqual([...Buffer.from('PNG')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(line.label).toBe('kept');
    expect(ax.getXlim()[0]).toBeLessThan(-3);
    expect(fig.toSVG()).toContain('<path');
  });

  it('an error that only the values reveal rejects fig.ready() and fig.save with the call’s message', async () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    ax.contour(g.fill([4, 5], Number.NaN));
    await expect(fig.ready()).rejects.toThrow('contour: Z has no finite values');
    await expect(fig.save(join(tmpdir(), 'never-written.svg'))).rejects.toThrow('contour: Z has no finite values');
  });

  it('a bad shape is reported, with the call’s message, when the values arrive', () => {
    const fig = new Figure();
    fig.addAxes().plot(g.zeros([2, 3]), g.zeros([6]));
    return expect(fig.ready()).rejects.toThrow('plot: x must be 1-D data, got a tensor of shape [2, 3]');
  });

  it('hist of values on the device matches numpy.histogram of the values read by hand', async () => {
    const samples = g.random.normal([500], { seed: 3 });
    const fig = new Figure();
    const { counts, edges } = fig.addAxes().hist(samples, { bins: 12 });
    expect(counts.length).toBe(12);
    await fig.ready();
    const want = histogram(await samples.data(), 12);
    expect([...counts]).toEqual([...want.counts]);
    expect([...edges]).toEqual([...want.edges]);
  });

  it('a synchronous function given such a tensor names itself and the async read', () => {
    expect(() => histogram(g.tensor([1, 2, 3]), 2)).toThrow(
      /histogram: x is a tensor on the GPU .* needs its values now: pass await x\.array\(\)/,
    );
  });

  it('animation frames whose update sets GPU tensors (or is async) are the frames of the values read by hand', async () => {
    const { x, f } = tutorialData();
    const xs = await x.data(),
      fs = await f.data();
    const frames = [0, 7, 20, 33];
    const onDevice = frames.map((i) => [g.tensor([xs[i]]), g.tensor([fs[i]])]);
    const run = async (update: (dot: ReturnType<typeof drawDot>, k: number) => unknown) => {
      const dot = drawDot([...xs], [...fs]);
      const out: string[] = [];
      const job = { fig: dot.fig, update: (_: number, k: number) => update(dot, k), frames, blit: 'auto' as const };
      for await (const fr of svgFramesAwaiting(job))
        out.push(sameIds(fr.kind === 'full' ? fr.svg : fr.staticSvg + fr.animatedSvg));
      return out;
    };
    const want = await run((d, k) => d.line.setData([xs[frames[k]]], [fs[frames[k]]]));
    expect(await run((d, k) => d.line.setData(onDevice[k][0], onDevice[k][1]))).toEqual(want);
    expect(
      await run(async (d, k) => {
        d.line.setData([...(await onDevice[k][0].data())], [...(await onDevice[k][1].data())]);
      }),
    ).toEqual(want);
    // the synchronous forms cannot wait, and say so
    const { fig, line } = drawDot([...xs], [...fs]);
    const sync = svgFrames({ fig, update: async () => line.setData([0], [0]), frames: [0], blit: false });
    expect(() => [...sync]).toThrow(/svgFrames: update returned a Promise/);
    const anim = new FuncAnimation(fig, async () => line.setData([0], [0]), { frames: 2 });
    expect(() => anim.frameSVG(0)).toThrow(/frameSVG: update returned a Promise/);
    const onGpu = new FuncAnimation(fig, (i) => line.setData(onDevice[i][0], onDevice[i][1]), { frames: 2 });
    expect(() => onGpu.frameSVG(1)).toThrow(/toSVG: .*await fig\.ready\(\)/);
  });

  it('an animation of a figure drawn from them reads them before its first frame', async () => {
    const { x, f } = tutorialData();
    const fig = new Figure({ width: 200, height: 150 });
    const ax = fig.addAxes();
    ax.plot(x, f);
    const dot = ax.plot([0], [0], 'ro');
    const xs = await x.data(),
      fs = await f.data();
    const anim = new FuncAnimation(fig, (i) => dot.setData([xs[i]], [fs[i]]), { frames: 3 });
    const html = await anim.toJsHtml();
    expect(html).toContain('<');
  });
});

describe('plot calls given host data', () => {
  it('need no fig.ready() (toSVG right away), as before', () => {
    const fig = new Figure();
    fig.addAxes().plot([0, 1], [1, 0]);
    expect(fig.toSVG()).toContain('<svg');
  });
});
