/**
 * @file Web Worker that runs the optimizers: gradtape's `descend` for each requested spec, one after another,
 * posting each path as soon as it is done. Running here keeps the page responsive however slow the formula or
 * however many steps, and lets the page cancel a stale request by terminating the worker.
 */
import { descend, expr, type ExprFunction } from './lib.js';
import type { DescentRequest, DescentReply } from './descent-client.js';

const post = (m: DescentReply) => (self as unknown as { postMessage(m: DescentReply): void }).postMessage(m);

self.addEventListener('message', (ev: MessageEvent<DescentRequest>) => {
  const { id, formula, start, runs, steps } = ev.data;
  let f: ExprFunction;
  try {
    f = expr(formula, { variables: ['x', 'y'] });
  } catch (e) {
    for (const run of runs) post({ id, key: run.key, error: (e as Error).message });
    return;
  }
  for (const run of runs) {
    try {
      const tr = descend(f, start, { optimizer: run.spec, steps });
      post({ id, key: run.key, trajectory: tr });
    } catch (e) {
      post({ id, key: run.key, error: e instanceof Error ? e.message : String(e) });
    }
  }
});
