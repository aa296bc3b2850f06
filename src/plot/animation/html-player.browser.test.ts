import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FuncAnimation } from './animation.js';
import { testFigure } from '../../../test/helpers/anim-testing.js';

/** A Chromium on PATH (playwright-core ships no browser). */
function findChromium(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        /* next */
      }
    }
  }
  return null;
}

const chromiumPath = findChromium();
if (!chromiumPath)
  console.warn('html-player.browser.test.ts: skipped: no chromium on PATH (apt-get install chromium to run it)');

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function walking(frames: number) {
  const fig = testFigure();
  return new FuncAnimation(fig, (i) => fig.dot.moveTo(6 + i * 1.5, 30), { frames, interval: 20 });
}

describe.skipIf(!chromiumPath)('HTML player in Chromium', () => {
  it('plays from file:// offline, pauses with space, steps with arrows; two players stay independent', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-default-apps',
        '--disable-domain-reliability',
        '--metrics-recording-only',
      ],
    });
    try {
      const dir = await mkdtemp(join(tmpdir(), 'gradtape-player-'));
      dirs.push(dir);
      const file = join(dir, 'walk.html');
      await walking(40).save(file);
      const page = await browser.newPage();
      const requests: string[] = [],
        errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(file).href);
      const count = page.locator('[data-gt="count"]');
      await expect.poll(() => count.textContent(), { timeout: 5000 }).not.toBe('1 / 40'); // autoplay runs
      await page.locator('.gtplayer').focus();
      await page.keyboard.press(' ');
      // Wait for the state (the button shows ▶ once paused), never for a while; then a few animation frames
      // later the frame counter has not moved.
      await expect.poll(() => page.locator('[data-gt="play"]').textContent(), { timeout: 5000 }).toBe('\u25B6');
      const paused = await count.textContent();
      await page.evaluate(
        () =>
          new Promise<void>((done) => {
            let left = 5;
            const next = () => (--left === 0 ? done() : requestAnimationFrame(next));
            requestAnimationFrame(next);
          }),
      );
      expect(await count.textContent()).toBe(paused);
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => count.textContent(), { timeout: 5000 }).toBe('2 / 40');
      expect(await page.locator('[data-gt="fg"] circle').count()).toBe(1);
      expect(await page.locator('[data-gt="bg"] svg').count()).toBe(1);
      expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
      expect(errors).toEqual([]);

      // Two players on one page (as in a notebook): ids differ, controls act on their own player only.
      const html =
        (await walking(10).toJsHtml({ autoplay: false })) + (await walking(10).toJsHtml({ autoplay: false }));
      await page.setContent(`<!DOCTYPE html><body>${html}</body>`);
      const ids = await page.locator('.gtplayer').evaluateAll((els) => els.map((e) => e.id));
      expect(new Set(ids).size).toBe(2);
      await page.locator(`#${ids[0]} [data-gt="next"]`).click();
      await page.locator(`#${ids[0]} [data-gt="next"]`).click();
      await expect
        .poll(() => page.locator(`#${ids[0]} [data-gt="count"]`).textContent(), { timeout: 5000 })
        .toBe('3 / 10');
      expect(await page.locator(`#${ids[1]} [data-gt="count"]`).textContent()).toBe('1 / 10');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
