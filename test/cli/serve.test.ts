/** @file `gradtape serve` end to end: serves a folder on localhost, refuses to escape it, stops on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

describe('gradtape serve', () => {
  it('serves index.html and assets, 404s and 403s, and exits 0 on SIGTERM', async () => {
    const web = join(tmp.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>gradtape</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
    const built = process.env.GRADTAPE_CLI;
    const args = built ? [join(ROOT, built)] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
    const child = spawn(process.execPath, [...args, 'serve', '--dir', web, '--port', '0', '--json'], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout}`)), 30_000);
        child.stdout.on('data', () => {
          try {
            const doc = JSON.parse(stdout) as { url: string };
            clearTimeout(timer);
            resolve(doc.url);
          } catch { /* not complete yet */ }
        });
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toContain('<title>gradtape</title>');
      const js = await fetch(`${url}assets/app.js`);
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect((await fetch(`${url}missing.css`)).status).toBe(404);
      expect((await fetch(`${url}..%2Fsecret.txt`)).status).toBe(403);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('without a web build: exit 2 telling to run npm run build:web', async () => {
    const r = await runCli(['serve', '--dir', join(tmp.dir, 'nothing-here')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("run 'npm run build:web' first");
  });
});
