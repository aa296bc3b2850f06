/**
 * @file Cell 7: 120 SGD steps from (0.25, −0.5), then an animation of the path over the labelled contour plot
 * (GIF and HTML always; MP4 when ffmpeg is installed), like matplotlib's FuncAnimation + to_html5_video.
 */
import { SGD, Variable } from 'gradtape';
import { FuncAnimation, findFfmpeg } from 'gradtape/plot';
import { f } from './04-surface.js';
import { contourFigure } from './05-contour.js';
import { outFile, runIfMain, type CellContext } from './_cell.js';

export async function descentCell(ctx: CellContext): Promise<string[]> {
  const x = new Variable(0.25, { name: 'x' });
  const y = new Variable(-0.5, { name: 'y' });
  const opt = new SGD({ learningRate: 0.01 });
  const xs = [x.value().item()],
    ys = [y.value().item()];
  for (let step = 0; step < 120; step++) {
    opt.minimize(() => f(x, y), [x, y]);
    xs.push(x.value().item());
    ys.push(y.value().item());
  }
  ctx.log(`after 120 steps: x = ${xs[120].toFixed(6)}, y = ${ys[120].toFixed(6)}, f = ${f(x, y).item().toFixed(6)}`);

  const { fig, ax } = contourFigure();
  ax.plot([xs[0]], [ys[0]], { color: 'black', marker: 'o', lineStyle: 'none' });
  const path = ax.plot([], [], { color: 'red', lineWidth: 2 });
  const anim = new FuncAnimation(fig, (i) => path.setData(xs.slice(0, i + 1), ys.slice(0, i + 1)), {
    frames: 121,
    interval: 20,
  });
  const files = [outFile(ctx, 'descent.gif'), outFile(ctx, 'descent.html')];
  if (await findFfmpeg()) files.push(outFile(ctx, 'descent.mp4'));
  else ctx.log('ffmpeg not found on PATH: skipping descent.mp4 (install ffmpeg for video output)');
  for (const p of files) await anim.save(p, { onProgress: ctx.onProgress });
  await fig.save(outFile(ctx, 'descent.png'));
  return [...files, outFile(ctx, 'descent.png')];
}

runIfMain(import.meta.url, descentCell);
