/**
 * @file End-to-end tests of the web playground in headless Chromium (playwright-core): the page is built with
 * Vite, served by `gradtape serve`'s static server, and driven like a visitor would. Screenshots go to
 * test-output/web/. Without a Chromium the suite skips and says why.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { findChromium, openPage, shotDir, startSite, type Site } from './harness.js';

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    'test/web/playground.test.ts: skipped: no Chromium found (CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH); ' +
      'install it with `apt-get install chromium` to run the playground end-to-end tests',
  );
}

/** The `d` of every stroked line (not markers) in a figure layer, as point counts. */
async function strokedPointCounts(page: Page, selector: string): Promise<number[]> {
  return page
    .locator(`${selector} path[fill="none"]`)
    .evaluateAll((els) =>
      els.map((e) => (e.getAttribute('d') ?? '').split(/[ML]/).filter((s) => s.trim() !== '').length),
    );
}

/**
 * Poll helpers: vitest's expect.poll over Playwright locators (the page updates asynchronously). The generous
 * timeout is only a ceiling for slow CI machines; each poll returns as soon as the condition holds.
 */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 50 });
const text = (l: Locator) => poll(async () => (await l.textContent()) ?? '');
const visible = (l: Locator) => poll(() => l.isVisible());
const attr = (l: Locator, name: string) => poll(() => l.getAttribute(name));

const shot = (page: Page, name: string) => page.screenshot({ path: join(shotDir, name), fullPage: true });

describe.skipIf(!chromiumPath)('web playground in Chromium', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite(chromiumPath!);
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('typing a formula redraws f and f′ with its TeX legend; hover and arrow keys show the tangent', async () => {
    const { page, errors } = await openPage(site, '?mode=1d');
    const staticLayer = page.locator('#plot1 .layer-static');
    const before = await staticLayer.innerHTML();
    expect(await strokedPointCounts(page, '#plot1 .layer-static')).toContain(601); // f and f′ sampled at 601 x
    await page.locator('#f1').fill('');
    await page.locator('#f1').pressSequentially('5*sin(2*x) + x^2');
    await poll(() => staticLayer.innerHTML()).not.toBe(before);
    const after = await staticLayer.innerHTML();
    // The legend is typeset by MathJax: its glyphs are <path> elements with MathJax's ids, and they changed.
    expect(after).toMatch(/data-mml-node/);
    expect(after).not.toBe(before);
    await poll(() => page.evaluate(() => new URLSearchParams(location.search).get('f'))).toBe('5*sin(2*x) + x^2');

    const box = (await page.locator('#plot1').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const readout = page.locator('#readout1');
    await poll(() => readout.textContent()).toMatch(/x = .*f\(x\) = .*f′\(x\) = /);
    // Tangent (dashed line over the whole range) plus the two cursor dots in the animated layer.
    await poll(() => strokedPointCounts(page, '#plot1 .layer-animated')).toEqual([201]);
    await shot(page, '1d-hover.png');

    // Keyboard: focus the plot and step the cursor with the arrow keys.
    await page.mouse.move(0, 0);
    await page.locator('#plot1').focus();
    const x0 = Number(await readout.getAttribute('data-x'));
    await page.keyboard.press('ArrowRight');
    await poll(async () => Number(await readout.getAttribute('data-x'))).toBeGreaterThan(x0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad formula shows the error and its column inline, keeps the last plot, and recovers', async () => {
    const { page, errors } = await openPage(site, '?mode=1d&f=x%5E2');
    const plot = await page.locator('#plot1 .layer-static').innerHTML();
    await page.locator('#f1').fill('5*sin(2*x)) + x^2');
    const error = page.locator('#f1-error');
    await visible(error).toBe(true);
    await text(error).toContain('column 11');
    const caret = (await error.locator('.error-caret').textContent())!.split('\n');
    expect(caret[0]).toBe('5*sin(2*x)) + x^2');
    expect(caret[1]!.indexOf('^')).toBe(10); // under the stray ')', the 11th character
    expect(await page.locator('#f1').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#plot1 .layer-static').innerHTML()).toBe(plot);
    await shot(page, '1d-error.png');

    await page.locator('#f1').fill('sine(x)');
    await text(error).toContain("did you mean 'sin'");
    await page.locator('#f1').fill('log(x)'); // NaN for x < 0: drawn where defined, and said so
    await visible(error).toBe(false);
    await text(page.locator('#note1')).toContain('undefined or infinite');
    await page.locator('#x1-min').fill('9');
    await text(page.locator('#range1-error')).toContain('must increase');
    await page.locator('#x1-min').fill('0.1');
    await visible(page.locator('#range1-error')).toBe(false);
    await text(page.locator('#note1')).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows f′(x) typeset under the formula box and in the legend, or says it is too long', async () => {
    const { page, errors } = await openPage(site, '?mode=1d');
    const derivative = page.locator('#f1-derivative');
    await page.locator('#f1').fill('5*sin(2*x) + x^2');
    await attr(derivative, 'data-formula').toBe('10*cos(2*x) + 2*x');
    // typeset by the same TeX renderer as the legends (MathJax glyph paths), with the formula as its accessible name
    await poll(() => derivative.locator('svg').getAttribute('aria-label')).toBe('f′(x) = 10*cos(2*x) + 2*x');
    expect(await derivative.locator('svg').innerHTML()).toMatch(/data-mml-node/);
    await shot(page, '1d-derivative.png');
    const long = Array.from({ length: 30 }, (_, k) => `sin(x + ${k})`).join('*');
    await page.locator('#f1').fill(long);
    await text(derivative).toContain('too long to show');
    expect(await derivative.locator('svg').count()).toBe(0);
    await page.locator('#f1').fill('x^2 +');
    await visible(derivative).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('two optimizers race: both paths grow step by step and the loss chart follows', async () => {
    const { page, errors } = await openPage(site, '?mode=2d');
    await page.locator('#preset').selectOption('himmelblau');
    for (const id of ['sgd', 'rmsprop', 'adam']) await page.locator(`#opt-${id}`).setChecked(false);
    await page.locator('#opt-momentum-params').fill('lr=0.002, momentum=0.9');
    await page.locator('#opt-momentum').check();
    await page.locator('#opt-adam').check();
    const rows = page.locator('#opt-status li[data-state="done"]');
    await poll(() => rows.count()).toBe(2);
    expect(await strokedPointCounts(page, '#contour .layer-animated')).toEqual([]); // step 0: start points only
    const lossBefore = await page.locator('#loss .layer-animated').innerHTML();

    await page.locator('#speed').selectOption('150');
    await page.locator('#play').click();
    await poll(async () => Number(await page.locator('#panel-2d').getAttribute('data-step'))).toBeGreaterThan(12);
    await page.locator('#play').click(); // pause
    // Read the paths only once the page says it is paused: a frame in flight could otherwise still advance them.
    await attr(page.locator('#play'), 'aria-pressed').toBe('false');
    const paused = Number(await page.locator('#panel-2d').getAttribute('data-step'));
    const mid = await strokedPointCounts(page, '#contour .layer-animated');
    expect(mid).toHaveLength(2);
    expect(Math.min(...mid)).toBeGreaterThan(5);
    expect(await page.locator('#loss .layer-animated').innerHTML()).not.toBe(lossBefore);
    expect((await strokedPointCounts(page, '#loss .layer-animated')).length).toBe(2);
    const shown = await page
      .locator('#opt-status li')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.shown)));
    expect(shown.every((n) => n > 5)).toBe(true);

    // Step forward from a step both paths have not finished by (how far playing got before the pause depends on
    // the machine's speed: a path that already ended would not grow). Wait for each state, never for a while.
    expect(paused).toBeGreaterThan(12);
    await page.locator('#scrub').fill('20');
    await attr(page.locator('#panel-2d'), 'data-step').toBe('20');
    await poll(() => strokedPointCounts(page, '#contour .layer-animated')).toEqual([21, 21]);
    await page.locator('#step-fwd').click();
    await attr(page.locator('#panel-2d'), 'data-step').toBe('21');
    await poll(() => strokedPointCounts(page, '#contour .layer-animated')).toEqual([22, 22]);
    await page.locator('#surface').focus(); // the surface shows the paths too; rotate it from the keyboard
    await page.keyboard.press('ArrowLeft');
    await text(page.locator('#view-readout')).toContain('azim −45°');
    // … and by dragging: right and down turns the camera (azimuth down, elevation up) and re-renders the surface.
    const surfaceBefore = await page.locator('#surface .layer-static').innerHTML();
    const readoutBefore = await page.locator('#view-readout').textContent();
    const sb = (await page.locator('#surface').boundingBox())!;
    await page.mouse.move(sb.x + sb.width / 2, sb.y + sb.height / 2);
    await page.mouse.down();
    await page.mouse.move(sb.x + sb.width / 2 + 60, sb.y + sb.height / 2 + 30, { steps: 6 });
    await page.mouse.up();
    await text(page.locator('#view-readout')).not.toBe(readoutBefore);
    const view = (await page.locator('#view-readout').textContent())!.match(/elev (−?[\d.]+)°\s+azim (−?[\d.]+)°/)!;
    const [elev, azim] = [view[1], view[2]].map((v) => Number(v!.replace('−', '-')));
    expect(elev).toBeGreaterThan(45);
    expect(azim).toBeLessThan(-45);
    await poll(() => page.locator('#surface .layer-static').innerHTML()).not.toBe(surfaceBefore);
    await poll(() => page.evaluate(() => new URLSearchParams(location.search).get('azim'))).toBe(
      String(Math.round(azim)),
    );
    await shot(page, '2d-race.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a diverging learning rate is reported as diverged and the page stays responsive', async () => {
    const { page, errors } = await openPage(
      site,
      '?mode=2d&g=(1-x)%5E2%2B100*(y-x%5E2)%5E2&xr=-2,2&yr=-1,3&start=-1.5,2&o.sgd=lr%3D0.1&o.adam=lr%3D0.05&steps=300',
    );
    const sgd = page.locator('#opt-status li[data-opt="sgd"]');
    await attr(sgd, 'data-state').toBe('diverged');
    await page.locator('#reset').click();
    await page.locator('#scrub').fill('300');
    await text(sgd).toContain('diverged at step');
    await attr(page.locator('#opt-status li[data-opt="adam"]'), 'data-state').toBe('done');
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    // A bad hyper-parameter is the optimizer's own error under its row; the other path still runs.
    await page.locator('#opt-sgd-params').fill('lr=0.01, momentom=0.9');
    await text(page.locator('#opt-sgd-error')).toContain('momentom');
    await shot(page, '2d-diverged.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a shared link opens the same state', async () => {
    const { page, errors } = await openPage(site, '?mode=2d');
    await page.locator('#preset').selectOption('saddle');
    await page.locator('#opt-lbfgs').check();
    const box = (await page.locator('#contour').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.4);
    await poll(() => page.locator('#opt-status li[data-state]:not([data-state="computing"])').count()).toBe(3);
    for (let i = 0; i < 4; i++) await page.locator('#step-fwd').click();
    await text(page.locator('#step-count')).toBe('step 4 / 60');
    await page.locator('#surface').focus();
    await page.keyboard.press('ArrowUp');
    const read = (p: Page) =>
      p.evaluate(() => ({
        inputs: Array.from(document.querySelectorAll<HTMLInputElement>('#panel-2d input')).map((i) =>
          i.type === 'checkbox' ? i.checked : i.value,
        ),
        step: document.querySelector('#step-count')!.textContent,
        view: document.querySelector('#view-readout')!.textContent,
        status: Array.from(document.querySelectorAll('#opt-status li')).map((li) => li.textContent),
        contour: document.querySelector('#contour .layer-animated')!.innerHTML.length,
      }));
    await poll(() => page.evaluate(() => location.search)).toContain('elev=35');
    const original = await read(page);
    expect(original.step).toBe('step 4 / 60');
    const link = page.url();
    expect(link).toContain('mode=2d');

    const copy = await openPage(site, link.slice(site.url.length));
    await poll(() => copy.page.locator('#opt-status li[data-state]:not([data-state="computing"])').count()).toBe(3);
    await poll(() => copy.page.locator('#step-count').textContent()).toBe('step 4 / 60');
    expect(await read(copy.page)).toEqual(original);
    await shot(copy.page, '2d-shared.png');
    expect([...errors, ...copy.errors]).toEqual([]);
    await page.close();
    await copy.page.close();
  });

  it('a mangled link falls back to defaults and says what it ignored; Copy link always leaves a usable link', async () => {
    const { page, errors } = await openPage(site, '?mode=3d&x=5,1&steps=abc&o.sgdd=lr%3D1&f=sin(x)');
    await text(page.locator('#notice')).toContain("mode: expected '1d' or '2d'");
    const notice = (await page.locator('#notice').textContent())!;
    expect(notice).toContain('x: expected two increasing numbers');
    expect(notice).toContain("unknown optimizer 'sgdd'");
    expect(await page.locator('#f1').inputValue()).toBe('sin(x)'); // the parts that were fine are kept
    expect(await page.locator('#x1-min').inputValue()).toBe('-5');
    await page.locator('#share').click();
    await text(page.locator('#notice')).toMatch(/link/i);
    expect(page.url()).toContain('f=sin%28x%29');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs under the Content-Security-Policy of gradtape serve, and a violation would be caught', async () => {
    const { page, errors } = await openPage(site, '?mode=2d');
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-inline' 'self'");
    // The descent ran (worker, jit kernels, MathJax) with no violation reported …
    await poll(() => page.locator('#opt-status li[data-state="done"]').count()).toBe(2);
    await page.locator('#f2').press('Enter'); // a form submit must not navigate (form-action 'none')
    expect(errors).toEqual([]);
    // … and the harness does report one: an inline script is blocked and shows up as an error.
    await page.evaluate(() => {
      const el = document.createElement('script');
      el.textContent = '(window as any).inlineRan = true';
      document.body.append(el);
    });
    await poll(() => errors.join('\n')).toContain('CSP violation: script-src');
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await page.close();
  });

  it('a link with a typo in f(x, y) shows the error and its caret in the panels, with Play off until it is fixed', async () => {
    const typo = '(sin(4*x) - cos(5*y)/5';
    const { page, errors } = await openPage(site, `?mode=2d&g=${encodeURIComponent(typo)}`);
    for (const panel of ['#contour', '#surface']) {
      const message = page.locator(`${panel} .figure-message`);
      await text(message).toContain('Cannot draw f(x, y): unexpected end of formula at column 23');
      const caret = (await message.locator('.error-caret').textContent())!.split('\n');
      expect(caret[0]).toBe(typo);
      expect(caret[1]!.indexOf('^')).toBe(22);
    }
    await text(page.locator('#loss .figure-message')).toContain('No optimizer paths');
    for (const id of ['#play', '#step-fwd', '#step-back', '#reset', '#scrub'])
      expect(await page.locator(id).isDisabled(), id).toBe(true);
    await page.keyboard.press('Space'); // nothing to play: Space does nothing either
    expect(await page.locator('#play').getAttribute('aria-pressed')).toBe('false');
    await shot(page, '2d-typo-link.png');
    await page.locator('#f2').fill('(sin(4*x) - cos(5*y))/5');
    await poll(() => page.locator('#play').isDisabled()).toBe(false);
    await poll(() => page.locator('#contour .layer-static svg').count()).toBe(1);
    await poll(() => page.locator('#opt-status li[data-state="done"]').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link with a typo in f(x) shows the error and its caret in the plot on first load', async () => {
    const { page, errors } = await openPage(site, '?mode=1d&f=sin(x');
    const message = page.locator('#plot1 .figure-message');
    await text(message).toContain('Cannot plot f(x): unexpected end of formula at column 6');
    expect((await message.locator('.error-caret').textContent())!.split('\n')).toEqual(['sin(x', '     ^']);
    await visible(page.locator('#f1-error')).toBe(true);
    await shot(page, '1d-typo-link.png');
    await page.locator('#f1').fill('sin(x)');
    await poll(() => page.locator('#plot1 .layer-static svg').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the Tutorial preset opens at the tutorial's camera, viewInit(-140, 120)", async () => {
    const { page, errors } = await openPage(site, '?mode=2d');
    await text(page.locator('#view-readout')).toMatch(/elev −140°\s+azim 120°/);
    await page.locator('#preset').selectOption('saddle');
    await text(page.locator('#view-readout')).toMatch(/elev 30°\s+azim −60°/);
    await page.locator('#preset').selectOption('tutorial');
    await text(page.locator('#view-readout')).toMatch(/elev −140°\s+azim 120°/);
    await poll(() => page.evaluate(() => location.search)).toContain('elev=-140');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the contour panel's x tick labels stand apart (they ran together as −1.00−0.75−0.50…)", async () => {
    const { page, errors } = await openPage(site, '?mode=2d');
    await poll(() => page.locator('#contour .layer-static svg').count()).toBe(1);
    // The x tick labels are the lowest row of numeric texts in the static layer; measure them as Chromium draws them.
    const boxes = await page.locator('#contour .layer-static text').evaluateAll((els) =>
      els
        .filter((e) => /^[−-]?\d+(\.\d+)?$/.test((e.textContent ?? '').trim()))
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent!.trim(), left: r.left, right: r.right, top: r.top };
        }),
    );
    const bottom = Math.max(...boxes.map((b) => b.top));
    const row = boxes.filter((b) => Math.abs(b.top - bottom) < 2).sort((a, b) => a.left - b.left);
    expect(row.map((b) => b.text)).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
    for (let i = 1; i < row.length; i++)
      expect(row[i]!.left - row[i - 1]!.right, `${row[i - 1]!.text} | ${row[i]!.text}`).toBeGreaterThan(2);
    await page.locator('#contour').screenshot({ path: join(shotDir, '2d-contour-ticks.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    for (const mode of ['1d', '2d']) {
      const { page, errors } = await openPage(site, `?mode=${mode}`, { width: 390, height: 844 });
      if (mode === '2d') await poll(() => page.locator('#opt-status li[data-state="done"]').count()).toBe(2);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `phone-${mode}.png`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
