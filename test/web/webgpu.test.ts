/**
 * @file The playground on WebGPU in headless Chromium: with WebGPU enabled (Chromium's software adapter,
 * SwiftShader, where there is no GPU) the page computes f, f′ and the grids on the GPU and says so; switching to
 * the CPU recomputes there. Without a Chromium, or a Chromium that gives no WebGPU adapter, it skips and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findChromium, openPage, shotDir, startSite, type Site } from './harness.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn('test/web/webgpu.test.ts: skipped: no Chromium found (apt-get install chromium)');

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 50 });

describe.skipIf(!chromiumPath)('web playground on WebGPU in Chromium', () => {
  let site: Site;
  let adapter: string | null = null;
  beforeAll(async () => {
    site = await startSite(chromiumPath!, [
      '--enable-unsafe-webgpu',
      '--enable-features=Vulkan',
      '--use-angle=swiftshader',
    ]);
    const page = await site.browser.newPage();
    await page.goto(site.url);
    adapter = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu && (await gpu.requestAdapter()) ? 'yes' : null;
    });
    await page.close();
    if (!adapter) console.warn('test/web/webgpu.test.ts: skipped: this Chromium gives no WebGPU adapter');
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('computes on the GPU by default, says so, draws f and f′, and switches to the CPU', async (ctx) => {
    if (!adapter) ctx.skip();
    const { page, errors } = await openPage(site, '?mode=1d');
    await poll(() => page.evaluate(() => document.body.dataset.backend)).toBe('webgpu');
    await poll(async () => (await page.locator('#backend-note').textContent()) ?? '').toMatch(
      /GPU \(WebGPU, float32\)/,
    );
    const strokes = () =>
      page
        .locator('#plot1 .layer-static path[fill="none"]')
        .evaluateAll((els) => els.map((e) => (e.getAttribute('d') ?? '').split(/[ML]/).filter((s) => s.trim()).length));
    await poll(strokes).toContain(601);
    await page.screenshot({ path: join(shotDir, 'webgpu-1d.png'), fullPage: true });
    await page.locator('#backend').selectOption('cpu');
    await poll(() => page.evaluate(() => document.body.dataset.backend)).toBe('cpu');
    await poll(async () => (await page.locator('#backend-note').textContent()) ?? '').toMatch(/CPU \(float64\)/);
    await poll(strokes).toContain(601);
    expect(errors).toEqual([]);
  });

  it('draws the surface and contour panels from grids computed on the GPU', async (ctx) => {
    if (!adapter) ctx.skip();
    const { page, errors } = await openPage(site, '?mode=2d');
    await poll(() => page.evaluate(() => document.body.dataset.backend)).toBe('webgpu');
    await poll(() => page.locator('#contour path').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(shotDir, 'webgpu-2d.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
