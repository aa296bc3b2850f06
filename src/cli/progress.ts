/**
 * @file A one-line progress bar on stderr, for rendering animation frames. Drawn only on a
 * terminal: in pipes and CI logs the carriage-return redraws would be noise.
 */

/** Where the bar is drawn; `process.stderr` in the CLI, a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A progress bar; call `tick()` per unit of work and `done()` at the end. */
export interface ProgressBar {
  tick(count?: number): void;
  done(): void;
}

/**
 * Create a progress bar for `total` units labelled `label` (e.g. "frames").
 *
 * @example
 * const bar = progressBar(120, 'frames');
 * for (let i = 0; i < 120; i++) { render(i); bar.tick(); }
 * bar.done();
 */
export function progressBar(
  total: number,
  label: string,
  stream: ProgressStream = process.stderr,
  enabled = stream.isTTY === true,
): ProgressBar {
  let current = 0;
  let lastDrawn = -1;
  let drawnCount = -1;
  const width = Math.max(10, Math.min(40, (stream.columns || 80) - label.length - 24));
  const draw = (): void => {
    const filled = total > 0 ? Math.round((current / total) * width) : width;
    // Redraw only when the visible bar changes, so a 1000-frame render does not flood the terminal.
    if (filled === lastDrawn && current < total) return;
    lastDrawn = filled;
    drawnCount = current;
    const percent = total > 0 ? Math.floor((current / total) * 100) : 100;
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${current}/${total} ${label}`,
    );
  };
  return {
    tick(count = 1) {
      current = Math.min(total, current + count);
      if (enabled) draw();
    },
    done() {
      current = total;
      if (!enabled) return;
      if (drawnCount !== total) {
        lastDrawn = -1;
        draw();
      }
      stream.write('\n');
    },
  };
}
