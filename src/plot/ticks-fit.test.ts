/**
 * @file The AutoLocator takes the tick labels' size into account: on the playground's 440 × 400 contour panel the
 * nine x labels −1.00 … 1.00 ran together; now neighbouring labels keep a quarter em apart, and axes where the
 * labels fit keep matplotlib's ticks exactly.
 */
import { describe, expect, it } from 'vitest';
import { computeTicks } from './axis.js';
import { linearScale } from './scale.js';
import { measureText } from './text.js';
import { rc } from './style.js';
import { autoTicks } from './ticks.js';

const ptToPx = 100 / 72;

/** Smallest gap in px between neighbouring x tick labels centred on their ticks. */
function minLabelGap(locs: number[], labels: string[], lengthPx: number, lo: number, hi: number): number {
  const sizePx = rc.tickLabelSize * ptToPx;
  const boxes = locs.map((v, i) => {
    const c = ((v - lo) / (hi - lo)) * lengthPx,
      w = measureText(labels[i]!, sizePx).width;
    return [c - w / 2, c + w / 2] as const;
  });
  let gap = Infinity;
  for (let i = 1; i < boxes.length; i++) gap = Math.min(gap, boxes[i]![0] - boxes[i - 1]![1]);
  return gap;
}

describe('tick labels never run together', () => {
  it('the playground contour panel (x axis 0.81 × 440 px over -1..1) gets 5 ticks whose labels stand apart', () => {
    const length = 0.81 * 440;
    const t = computeTicks(linearScale([-1, 1], [0, length]), 'x', length, ptToPx);
    expect(t.labels).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
    expect(minLabelGap(t.locs, t.labels, length, -1, 1)).toBeGreaterThanOrEqual(0.25 * rc.tickLabelSize * ptToPx);
  });

  it.each([200, 300, 356, 400, 500, 800])(
    'any width (%i px) and range: labels at least a quarter em apart',
    (length) => {
      for (const [lo, hi] of [
        [-1, 1],
        [0, 1],
        [-1000, 1000],
        [0.001, 0.002],
        [-123.4, 567.8],
      ] as const) {
        const t = computeTicks(linearScale([lo, hi], [0, length]), 'x', length, ptToPx);
        expect(t.locs.length, `${lo}..${hi} at ${length}px`).toBeGreaterThanOrEqual(2);
        expect(
          minLabelGap(t.locs, t.labels, length, lo, hi),
          `${t.labels.join(' ')} at ${length}px`,
        ).toBeGreaterThanOrEqual(0.25 * rc.tickLabelSize * ptToPx - 1e-9);
      }
    },
  );

  it("where the labels fit, the ticks are matplotlib AutoLocator's", () => {
    // matplotlib 3.6, default 640 × 480 figure: x axis 496 px, y axis 369.6 px.
    expect(computeTicks(linearScale([-1, 1], [0, 496]), 'x', 496, ptToPx).locs).toEqual([
      -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1,
    ]);
    expect(computeTicks(linearScale([-5.5, 5.5], [0, 496]), 'x', 496, ptToPx).locs).toEqual([-4, -2, 0, 2, 4]);
    expect(computeTicks(linearScale([-1, 1], [369.6, 0]), 'y', 369.6, ptToPx).locs).toEqual([
      -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1,
    ]);
  });

  it('autoTicks with a label-size callback drops to the next nice step, and never below two ticks', () => {
    expect(autoTicks(-1, 1, 256, 'x', 10, () => 31)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(autoTicks(-1, 1, 256, 'x', 10, () => 31).length).toBeLessThan(autoTicks(-1, 1, 256, 'x', 10).length);
    expect(autoTicks(0, 1, 20, 'x', 10, () => 1000)).toEqual([0, 1]);
  });
});
