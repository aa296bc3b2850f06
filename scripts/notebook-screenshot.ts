/**
 * @file Screenshot of the executed notebook's HTML (from `npm run notebook -- --execute`) in headless Chromium,
 * for the README: `npx tsx scripts/notebook-screenshot.ts [in.html] [out.png] [--full]`. By default it clips the
 * page from the "f(x) = x² + 1" section through its figure; `--full` takes the whole page (to look it all over).
 * The page loads nothing from the network (the lab template's CDN scripts are blocked), so what it shows is what
 * the notebook file itself holds.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './notebook-kernel.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const input = args[0] ?? join(ROOT, 'test-output', 'tutorial.html');
const output = args[1] ?? join(ROOT, 'docs', 'img', 'notebook.png');
const full = process.argv.includes('--full');

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 860, height: 900 }, deviceScaleFactor: 1 });
  await page.route(/^https?:/, (route) => route.abort());
  await page.goto(pathToFileURL(input).href, { waitUntil: 'load' });
  // videos show their last frame (the whole descent path) once it is decoded; a string, so that tsx's helpers
  // (__name) are not compiled into code that runs in the page
  await page.evaluate(`Promise.all([...document.querySelectorAll('video')].map((v) => new Promise((done) => {
    const seek = () => { v.pause(); v.addEventListener('seeked', done, { once: true }); v.currentTime = Math.max(0, v.duration - 0.05); };
    if (v.readyState >= 1) seek(); else v.addEventListener('loadedmetadata', seek, { once: true });
  })))`);
  if (full) {
    await page.screenshot({ path: output, fullPage: true });
  } else {
    // from the heading of the first plotted function down to the end of its figure
    const top = await page.locator('h2', { hasText: 'x² + 1 and its derivative' }).boundingBox();
    const fig = await page.locator('[data-mime-type="image/svg+xml"]').first().boundingBox();
    if (!top || !fig) throw new Error('notebook-screenshot: the page has no "x² + 1" section with a figure');
    await page.screenshot({
      path: output,
      fullPage: true,
      clip: { x: 0, y: top.y - 12, width: 860, height: fig.y + fig.height - top.y + 24 },
    });
  }
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
