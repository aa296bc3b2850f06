/**
 * @file The static file server behind `gradtape serve` (and the playground's browser tests): a careful one.
 * - Only GET/HEAD, only origin-form targets (`/…`); `//a` is `/a` (slashes merged), `..` is refused,
 *   dotfiles are not served, a query is ignored.
 * - Only Host names that mean this machine (localhost, 127.0.0.1, [::1], the address it is bound to) with the
 *   port it listens on: a page on another origin cannot reach it by DNS rebinding.
 * - Every file is resolved with realpath and must lie inside the real root, so symlinks cannot lead out.
 * - A file is opened once and streamed from that handle; a file that vanishes or cannot be read is a 404/403/500
 *   answer, and an error half-way through only drops that connection — the server never dies of it.
 * - Every answer has a Content-Type, `X-Content-Type-Options: nosniff` and a Content-Security-Policy.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * The policy the playground runs under. 'unsafe-eval' because the CPU backend and jit compile their loops with
 * `new Function` (src/backends/cpu, src/compile), 'wasm-unsafe-eval' for the WebAssembly kernels; inline styles
 * because MathJax and the SVG figures set style attributes. No inline or foreign script can run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
} as const;

/** Bytes read before the status line is sent, so an unreadable file still gets a proper 500. */
const FIRST_CHUNK = 64 * 1024;

export interface StaticServerOptions {
  /** The address the server is bound to (`--host`); its name is accepted in the Host header too. */
  readonly host?: string;
}

/**
 * Serve `root` over HTTP, as described in this file's header; `/` and folders answer with their index.html.
 *
 * @example
 * const server = serveStatic('dist-web'); server.listen(8080, '127.0.0.1');
 */
export function serveStatic(root: string, opts: StaticServerOptions = {}): Server {
  if (typeof root !== 'string' || root === '')
    throw new TypeError(`serveStatic: root must be a folder name (got ${String(root)})`);
  const realRoot = realpath(resolve(root));
  realRoot.catch(() => {}); // a missing root is reported per request (404), not as an unhandled rejection
  const hosts = allowedHostNames(opts.host);
  // requireHostHeader off: a missing Host gets our labelled 400 rather than node's bare one.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res, realRoot, hosts, server).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, 'internal error\n');
      else res.destroy(err instanceof Error ? err : undefined);
    });
  });
  // Requests node cannot parse get a labelled 400 too (node's default answer has no Content-Type).
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = 'bad request\n';
    const headers = {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(body.length),
      Connection: 'close',
      ...SECURITY_HEADERS,
    };
    socket.end(
      `HTTP/1.1 400 Bad Request\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n${body}`,
    );
  });
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  realRoot: Promise<string>,
  hosts: ReadonlySet<string>,
  server: Server,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return reply(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  const port = (server.address() as AddressInfo | null)?.port;
  if (req.headers.host === undefined) return reply(res, 400, 'bad request: no Host header\n');
  if (!hostAllowed(req.headers.host, hosts, port)) return reply(res, 421, 'misdirected request: unknown Host\n');
  const segments = pathSegments(req.url ?? '');
  if (segments === 'bad') return reply(res, 400, 'bad request\n');
  if (segments === 'forbidden') return reply(res, 403, 'forbidden\n');
  const label = `/${segments.join('/')}`;
  let base: string;
  try {
    base = await realRoot;
  } catch {
    return reply(res, 404, `not found: ${label}\n`);
  }
  const file = await resolveInside(base, join(base, ...segments));
  if (file === 'outside') return reply(res, 403, 'forbidden\n');
  if (file === null) return reply(res, 404, `not found: ${label}\n`);
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    return openFailed(res, e, label);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close();
      return reply(res, 404, `not found: ${label}\n`);
    }
    const first = Buffer.alloc(Math.min(FIRST_CHUNK, st.size));
    const { bytesRead } = first.length ? await fh.read(first, 0, first.length, 0) : { bytesRead: 0 };
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Content-Length': st.size,
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD' || bytesRead >= st.size) {
      res.end(req.method === 'HEAD' ? undefined : first.subarray(0, bytesRead));
      await fh.close();
      return;
    }
    res.write(first.subarray(0, bytesRead));
    // The rest streams from the same handle (a file deleted meanwhile is still readable); a read error now can only
    // cut this response short, which pipeline does by destroying it — the server carries on.
    pipeline(fh.createReadStream({ start: bytesRead, autoClose: true }), res, () => {
      void fh.close().catch(() => {});
    });
  } catch (e) {
    await fh.close().catch(() => {});
    if (res.headersSent) {
      res.destroy();
      return;
    }
    reply(
      res,
      500,
      `cannot read: ${label}${(e as { code?: string }).code ? ` (${(e as { code: string }).code})` : ''}\n`,
    );
  }
}

function contentType(file: string): string {
  const ext = extname(file).toLowerCase();
  return Object.hasOwn(TYPES, ext) ? TYPES[ext]! : 'application/octet-stream';
}

/** The path's segments after decoding ('//a' and '/./a' are '/a'); 'forbidden' for '..' and dotfiles. */
function pathSegments(url: string): string[] | 'bad' | 'forbidden' {
  if (!url.startsWith('/')) return 'bad'; // absolute-form (http://…) and '*' targets are not for a file server
  let path: string;
  try {
    path = decodeURIComponent(url.replace(/[?#].*$/s, ''));
  } catch {
    return 'bad';
  }
  if (path.includes('\0') || path.includes('\\')) return 'bad';
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  return segments.some((s) => s.startsWith('.')) ? 'forbidden' : segments;
}

/** The real path of `file` (a folder's index.html), 'outside' if it resolves out of `base`, null if missing. */
async function resolveInside(base: string, file: string): Promise<string | 'outside' | null> {
  const inside = (p: string) => p === base || p.startsWith(base.endsWith(sep) ? base : base + sep);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return null;
  }
  if (!inside(real)) return 'outside';
  try {
    const index = await realpath(join(real, 'index.html'));
    return inside(index) ? index : 'outside';
  } catch (e) {
    return (e as { code?: string }).code === 'ENOTDIR' ? real : null;
  }
}

function openFailed(res: ServerResponse, e: unknown, label: string): void {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') reply(res, 404, `not found: ${label}\n`);
  else if (code === 'EACCES' || code === 'EPERM') reply(res, 403, 'forbidden\n');
  else reply(res, 500, `cannot read: ${label}${code ? ` (${code})` : ''}\n`);
}

function reply(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS,
      ...extra,
    })
    .end(body);
}

/** Host names that mean this server: loopback names, the bound address, and for a wildcard bind every local address. */
function allowedHostNames(host: string | undefined): ReadonlySet<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const bracket = (h: string) => (h.includes(':') ? `[${h.toLowerCase()}]` : h.toLowerCase());
  if (host) names.add(bracket(host));
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address));
  }
  return names;
}

/** Whether a Host header names this server (and its port; no port only for port 80). */
function hostAllowed(header: string | undefined, names: ReadonlySet<string>, port: number | undefined): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header ?? '');
  if (!m) return false;
  const name = m[1]!.toLowerCase().replace(/\.$/, '');
  const hostPort = m[2] === undefined ? 80 : Number(m[2]);
  return names.has(name) && hostPort === port;
}
