/**
 * @file `gradtape serve` end to end: the real process on 127.0.0.1 with port 0, raw HTTP requests. It serves the
 * folder and nothing outside it (no `..`, no symlinks out), answers only to Host names of this machine, survives
 * files it cannot read, labels every answer (Content-Type, nosniff, CSP), and stops on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

interface Served {
  child: ChildProcessWithoutNullStreams;
  port: number;
  url: string;
  exited: Promise<number | null>;
}

/** Start `gradtape serve --dir web --port 0 --json`, optionally through a command prefix (setpriv); wait for its URL. */
async function startServe(web: string, prefix: string[] = []): Promise<Served> {
  const built = process.env.GRADTAPE_CLI;
  const args = built ? [join(ROOT, built)] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
  const argv = [process.execPath, ...args, 'serve', '--dir', web, '--port', '0', '--host', '127.0.0.1', '--json'];
  const child = spawn(prefix[0] ?? argv[0]!, [...prefix.slice(1), ...(prefix.length ? argv : argv.slice(1))], {
    cwd: ROOT,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      try {
        resolve((JSON.parse(stdout) as { url: string }).url);
      } catch {
        /* not complete yet */
      }
    });
  });
  return { child, url, port: Number(new URL(url).port), exited };
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One raw HTTP/1.1 request to 127.0.0.1:port (the exact target and Host we choose, which fetch would normalise). */
function raw(port: number, target: string, opts: { host?: string | null; method?: string } = {}): Promise<RawResponse> {
  const host = opts.host === undefined ? `127.0.0.1:${port}` : opts.host;
  const head = `${opts.method ?? 'GET'} ${target} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head)); // the server closes (Connection: close)
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = top!.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** Every answer, good or bad, is labelled so a browser never sniffs it, and carries the page's CSP. */
function expectLabelled(r: RawResponse): void {
  expect(r.headers['content-type'], `status ${r.status}`).toBeTruthy();
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['content-security-policy']).toContain("default-src 'self'");
}

describe('gradtape serve', () => {
  const web = join(tmp.dir, 'web');
  let s: Served;
  beforeAll(async () => {
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>gradtape</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(web, '.env'), 'TOKEN=1');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
    mkdirSync(join(tmp.dir, 'outside'));
    writeFileSync(join(tmp.dir, 'outside', 'secret.txt'), 'do not serve either');
    symlinkSync(join(tmp.dir, 'secret.txt'), join(web, 'link.txt'));
    symlinkSync(join(tmp.dir, 'outside'), join(web, 'linkdir'));
    symlinkSync(join(web, 'assets', 'app.js'), join(web, 'inner.js'));
    s = await startServe(web);
  }, 60_000);
  afterAll(() => {
    s?.child.kill('SIGTERM');
  });

  it('serves index.html and assets, 404s, 403s and 405s', async () => {
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
    const index = await fetch(s.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>gradtape</title>');
    const js = await fetch(`${s.url}assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${s.url}missing.css`)).status).toBe(404);
    expect((await fetch(`${s.url}..%2Fsecret.txt`)).status).toBe(403);
    expect((await fetch(s.url, { method: 'POST' })).status).toBe(405);
    const head = await raw(s.port, '/assets/app.js', { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '14', '']);
  });

  it('answers only to Host names of this machine on its port (no DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `LOCALHOST:${s.port}`, `[::1]:${s.port}`]) {
      expect((await raw(s.port, '/', { host })).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${s.port}`,
      'evil.example',
      `127.0.0.1:${s.port + 1}`,
      '127.0.0.1',
      `localhost.evil.example:${s.port}`,
    ]) {
      const r = await raw(s.port, '/', { host });
      expect(r.status, String(host)).toBe(421);
      expect(r.body).not.toContain('<title>');
      expectLabelled(r);
    }
    const noHost = await raw(s.port, '/', { host: null });
    expect(noHost.status).toBe(400);
    expectLabelled(noHost);
    const garbage = await raw(s.port, '/ nonsense');
    expect(garbage.status).toBe(400);
    expectLabelled(garbage);
  });

  it('never follows a symlink out of the folder; symlinks inside it work', async () => {
    for (const target of ['/link.txt', '/linkdir/secret.txt', '/linkdir/']) {
      const r = await raw(s.port, target);
      expect(r.status, target).toBe(403);
      expect(r.body).not.toContain('do not serve');
      expectLabelled(r);
    }
    const inner = await raw(s.port, '/inner.js');
    expect([inner.status, inner.body]).toEqual([200, 'console.log(1)']);
  });

  it('//name is /name (slashes merged), never index.html; odd targets get proper answers', async () => {
    const r = await raw(s.port, '//secret.txt');
    expect(r.status).toBe(404);
    expect(r.body).toBe('not found: /secret.txt\n');
    expect((await raw(s.port, '//assets//app.js')).body).toBe('console.log(1)');
    const cases: Array<[string, number]> = [
      ['/%zz', 400],
      ['/a%00b', 400],
      ['/..\\secret.txt', 400],
      ['http://evil.example/', 400],
      ['*', 400],
      ['/../secret.txt', 403],
      ['/assets/%2e%2e/%2e%2e/secret.txt', 403],
      ['/.env', 403],
      ['/index.html?x=1#y', 200],
    ];
    for (const [target, status] of cases) {
      const res = await raw(s.port, target);
      expect(res.status, target).toBe(status);
      expect(res.body).not.toContain('do not serve');
      expectLabelled(res);
    }
  });

  it('labels every answer: Content-Type, nosniff and a Content-Security-Policy', async () => {
    const ok = await raw(s.port, '/');
    expectLabelled(ok);
    expect(ok.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(ok.headers['content-security-policy']).toMatch(/object-src 'none'/);
    for (const [target, method] of [
      ['/missing', 'GET'],
      ['/', 'POST'],
      ['/%zz', 'GET'],
      ['/../x', 'GET'],
    ] as const) {
      const r = await raw(s.port, target, { method });
      expect(r.headers['content-type'], `${method} ${target} → ${r.status}`).toBe('text/plain; charset=utf-8');
      expectLabelled(r);
    }
  });

  it('exits 0 on SIGTERM', async () => {
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});

/**
 * A file the server's process cannot read. Root reads everything, so as root the server runs as `nobody` through
 * setpriv (util-linux); without a way to drop privileges the test skips.
 */
function unprivileged(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  try {
    accessSync('/usr/bin/setpriv', constants.X_OK);
  } catch {
    return null;
  }
  return ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
}
const prefix = unprivileged();

describe.skipIf(prefix === null)('gradtape serve and a file it cannot read', () => {
  it('answers 403 and keeps serving (it used to die of the stream error)', async () => {
    const dir = join(tmp.dir, 'unreadable');
    mkdirSync(dir);
    chmodSync(tmp.dir, 0o755); // so `nobody` can reach the folder
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(join(dir, 'locked.js'), 'secret');
    chmodSync(join(dir, 'locked.js'), 0o000);
    const s = await startServe(dir, prefix!);
    try {
      const r = await raw(s.port, '/locked.js');
      expect(r.status).toBe(403);
      expectLabelled(r);
      expect((await raw(s.port, '/')).status).toBe(200); // still alive
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exited).toBe(0);
  });
});

describe('gradtape serve without a web build', () => {
  it('exits 2 telling to run npm run build:web', async () => {
    const r = await runCli(['serve', '--dir', join(tmp.dir, 'nothing-here')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("run 'npm run build:web' first");
  });
});
