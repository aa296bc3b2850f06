/** @file Cell 6: one step of `SGD(learningRate: 0.01).minimize` on f(x, y) from (0.25, −0.5). */
import { SGD, Variable } from 'gradtape';
import { f } from './04-surface.js';
import { runIfMain, type CellContext } from './_cell.js';

export async function sgdStepCell(ctx: CellContext): Promise<string[]> {
  const x = new Variable(0.25, { name: 'x' });
  const y = new Variable(-0.5, { name: 'y' });
  const opt = new SGD({ learningRate: 0.01 });
  ctx.log(`before: x = ${x.value().item()}, y = ${y.value().item()}, f = ${f(x, y).item().toFixed(6)}`);
  opt.minimize(() => f(x, y), [x, y]);
  ctx.log(
    `after one SGD step: x = ${x.value().item().toFixed(6)}, y = ${y.value().item().toFixed(6)}, f = ${f(x, y).item().toFixed(6)}`,
  );
  return [];
}

runIfMain(import.meta.url, sgdStepCell);
