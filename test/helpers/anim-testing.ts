/**
 * @file A tiny stand-in figure for animation tests: a striped background (static), a movable dot (a real Artist
 * with a `revision`), an optional caption that changes without any artist noticing, and fresh random clip-path
 * ids on every render — the awkward parts of a real figure, in 60 lines, with counters of what was rendered.
 */
import type { AnimatableFigure } from '../../src/plot/animation/anim-frames.js';
import type { Artist } from '../../src/plot/types.js';

/** A test artist drawing a fixed snippet; `touch()` bumps its revision as any mutation would. */
export class TestArtist implements Artist {
  animated = false;
  visible = true;
  revision = 0;
  constructor(public draw: () => string) {}
  touch(): void {
    this.revision++;
  }
}

/** The fake figure plus handles to mutate it. */
export interface TestFigure extends AnimatableFigure {
  dot: TestArtist & { x: number; y: number; moveTo(x: number, y: number): void };
  background: TestArtist;
  /** Drawn in the static layer but not an artist: changing it is invisible to revision tracking. */
  caption: { color: string };
  renders: { all: number; static: number; animated: number };
}

/**
 * Build the fake figure (default 80×60 pixels).
 * @example const fig = testFigure(); fig.dot.moveTo(20, 30);
 */
export function testFigure(width = 80, height = 60): TestFigure {
  const background = new TestArtist(() =>
    Array.from(
      { length: 8 },
      (_, i) =>
        `<rect x="${i * (width / 8)}" y="0" width="${width / 8}" height="${height}" fill="hsl(${i * 40},60%,70%)"/>`,
    ).join(''),
  );
  const dot: TestFigure['dot'] = Object.assign(
    new TestArtist((): string => `<circle cx="${dot.x}" cy="${dot.y}" r="4" fill="#d00"/>`),
    {
      x: 10,
      y: height / 2,
      moveTo(x: number, y: number) {
        dot.x = x;
        dot.y = y;
        dot.touch();
      },
    },
  );
  const caption = { color: '#000' };
  const renders = { all: 0, static: 0, animated: 0 };
  return {
    width,
    height,
    dot,
    background,
    caption,
    renders,
    artists: () => [background, dot],
    toSVG(opts = {}) {
      const layer = opts.layer ?? 'all';
      renders[layer]++;
      const id = 'clip-' + Math.random().toString(36).slice(2, 8);
      const draw = (a: Artist & { draw(): string }) =>
        a.visible && (layer === 'all' || (layer === 'animated') === a.animated) ? a.draw() : '';
      const body =
        (layer === 'animated' ? '' : `<rect width="${width}" height="${height}" fill="#fff"/>`) +
        draw(background) +
        draw(dot) +
        (layer === 'animated' ? '' : `<rect x="0" y="0" width="6" height="6" fill="${caption.color}"/>`);
      return (
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<defs><clipPath id="${id}"><rect width="${width}" height="${height}"/></clipPath></defs>` +
        `<g clip-path="url(#${id})">${body}</g></svg>`
      );
    },
  };
}
