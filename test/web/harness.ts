/**
 * @file Test harness for the playground: find a Chromium, build the page with Vite into a temporary folder, serve
 * it with `gradtape serve`'s static server on a random localhost port, and open pages that collect errors.
 */
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `CHROMIUM_PATH` when set (only that one), else Debian's chromium (what .ci/run installs), else one on PATH;
 * null when there is none.
 * @example findChromium() // '/usr/bin/chromium'
 */
export function findChromium(): string | null {
  const forced = process.env.CHROMIUM_PATH;
  const candidates = forced ? [forced] : ['/usr/bin/chromium'];
  for (const dir of forced ? [] : (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) candidates.push(join(dir, name));
  }
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return null;
}

/** Where screenshots go (ignored by git; look at them). */
export const shotDir = join(repo, 'test-output', 'web');

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Build the page, serve it (with the CSP and Host checks of `gradtape serve`) and launch Chromium with `extraArgs`
 * added to its flags. @example const site = await startSite(findChromium()!); … await site.close();
 */
export async function startSite(chromiumPath: string, extraArgs: readonly string[] = []): Promise<Site> {
  const { build } = await import('vite');
  const { serveStatic } = await import('../../src/cli/commands/serve.js');
  const { chromium } = await import('playwright-core');
  const out = await mkdtemp(join(tmpdir(), 'gradtape-web-'));
  await mkdir(shotDir, { recursive: true });
  await build({
    configFile: join(repo, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true },
  });
  const server = serveStatic(out);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(out, { recursive: true, force: true });
    },
  };
}

/** A page that records uncaught errors and console errors (the tests expect none). @example const { page, errors } = await openPage(site, '?mode=2d'); */
export async function openPage(
  site: Site,
  query: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await site.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // The page runs under the Content-Security-Policy of `gradtape serve`: any violation (a blocked script, eval,
  // worker, style or image) is reported as an error too, so every test proves the page works under the policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  await page.goto(site.url + query);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, errors };
}
