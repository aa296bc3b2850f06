/**
 * The browser path: bundle a page that imports gradtape/plot with vite, open it in headless Chromium, preload
 * MathJax with loadTeX() and mount a figure with a TeX legend. Skips where no Chromium is installed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);

describe.skipIf(!chromiumPath)('gradtape/plot in a browser', () => {
  it('bundles without Node-only code, loads TeX and mounts a figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradtape-plot-browser-'));
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    writeFileSync(
      join(dir, 'entry.ts'),
      `import { Figure, loadTeX } from ${JSON.stringify(index)};
      await loadTeX();
      const fig = new Figure({ width: 400, height: 300 });
      const ax = fig.addAxes();
      ax.plot([0, 1, 2], [0, 1, 4], { label: '$x^2$' }); ax.legend(); ax.xlabel('$x$');
      fig.mount(document.getElementById('root'));
      (window as any).done = true;`,
    );
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="./entry.ts"></script></body></html>',
    );
    const { build } = await import('vite');
    await build({
      root: dir,
      logLevel: 'silent',
      build: { outDir: join(dir, 'dist'), target: 'es2022', minify: false },
    });
    const js = readdirSync(join(dir, 'dist', 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, 'dist', 'assets', f), 'utf8'))
      .join('\n');
    expect(js).not.toMatch(/resvgjs\.linux|\.node['"]/); // the native rasteriser never reaches the bundle
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('http://local/**', (route) => {
        const p = new URL(route.request().url()).pathname;
        const file = join(dir, 'dist', p === '/' ? 'index.html' : p);
        route.fulfill({ body: readFileSync(file), contentType: p.endsWith('.js') ? 'text/javascript' : 'text/html' });
      });
      await page.goto('http://local/');
      await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true, null, {
        timeout: 30_000,
      });
      const info = await page.evaluate(() => ({
        svg: document.querySelectorAll('#root > svg').length,
        legend: document.querySelectorAll('#root .legend path').length,
        width: document.querySelector('#root > svg')!.getBoundingClientRect().width,
      }));
      expect(errors).toEqual([]);
      expect(info).toMatchObject({ svg: 1, width: 400 });
      expect(info.legend).toBeGreaterThan(1); // the handle plus MathJax glyph paths
    } finally {
      await browser.close();
    }
  });
});
