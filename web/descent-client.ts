/**
 * @file The page side of the descent worker: send a request (formula, start, optimizer specs, steps), receive one
 * trajectory (or error) per optimizer. A new request while one is running terminates the old worker, so a
 * 2000-step run on a slow formula never delays what the visitor asked for next.
 */
import type { Trajectory } from './lib.js';

export interface DescentRun {
  key: string;
  spec: string;
}
export interface DescentRequest {
  id: number;
  formula: string;
  start: [number, number];
  runs: DescentRun[];
  steps: number;
}
export type DescentReply =
  | { id: number; key: string; trajectory: Trajectory }
  | { id: number; key: string; error: string };

/**
 * Runs optimizer races off the main thread.
 * @example
 * const client = new DescentClient((key, r) => ('trajectory' in r ? draw(key, r.trajectory) : fail(key, r.error)));
 * client.run({ formula: 'x^2 + y^2', start: [1, 1], runs: [{ key: 'adam', spec: 'adam:lr=0.1' }], steps: 100 });
 */
export class DescentClient {
  private worker: Worker | null = null;
  private busy = false;
  private nextId = 1;
  private current = 0;
  private left = 0;

  /** @example new DescentClient((key, result) => …) */
  constructor(
    private readonly onResult: (key: string, result: { trajectory: Trajectory } | { error: string }) => void,
  ) {}

  /**
   * Start computing `runs`; earlier results still on their way are dropped.
   * @example client.run({ formula: 'x^2 + y^2', start: [1, 1], runs: [{ key: 'sgd', spec: 'sgd:lr=0.1' }], steps: 100 })
   */
  run(req: Omit<DescentRequest, 'id'>): void {
    if (this.busy) this.stop();
    const worker = this.ensure();
    this.current = this.nextId++;
    this.left = req.runs.length;
    this.busy = this.left > 0;
    if (this.busy) worker.postMessage({ ...req, id: this.current } satisfies DescentRequest);
  }

  /** Terminate the worker (the next `run` starts a fresh one). @example client.stop() */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = false;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./descent-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (ev: MessageEvent<DescentReply>) => {
      const m = ev.data;
      if (m.id !== this.current) return;
      if (--this.left <= 0) this.busy = false;
      this.onResult(m.key, 'error' in m ? { error: m.error } : { trajectory: m.trajectory });
    });
    worker.addEventListener('error', (ev) => {
      // A worker that fails to start or crashes: report it on every pending run instead of waiting forever.
      ev.preventDefault();
      this.stop();
      this.onResult('*', { error: `the optimizer worker failed: ${ev.message || 'unknown error'}` });
    });
    this.worker = worker;
    return worker;
  }
}
