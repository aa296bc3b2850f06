/**
 * @file `gradtape serve`: a static file server (node:http) for the built web page in
 * `dist-web/`, bound to localhost by default.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCount, type Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandIO } from '../io.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.gif': 'image/gif', '.mp4': 'video/mp4', '.wasm': 'application/wasm', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

/**
 * The package's dist-web/ (src/cli/commands and dist/cli/commands are both three levels down).
 *
 * @example
 * defaultWebDir(); // '/…/gradtape/dist-web/'
 */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../dist-web/', import.meta.url));
}

/**
 * Serve `root` over HTTP: GET/HEAD only, `/` -> index.html, no escaping the folder.
 *
 * @example
 * const server = serveStatic('dist-web'); server.listen(8080, '127.0.0.1');
 */
export function serveStatic(root: string): Server {
  const base = resolve(root);
  return createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end('method not allowed\n');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request\n');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden\n');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': (Object.prototype.hasOwnProperty.call(TYPES, extname(file).toLowerCase()) && TYPES[extname(file).toLowerCase()]) || 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

/**
 * Run `gradtape serve` until SIGINT/SIGTERM.
 *
 * @example
 * await run(parseCommandLine(['--port', '0'], options, 'serve'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  if (args.positionals.length > 0) throw new UsageError(`serve takes no arguments (got '${args.positionals[0]}')`, 'serve');
  const port = parseCount(typeof args.values.port === 'string' ? args.values.port : '8080', '--port', 0, 65535, 'serve');
  const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
  const dir = typeof args.values.dir === 'string' ? resolve(args.values.dir) : defaultWebDir();
  if (!existsSync(join(dir, 'index.html'))) {
    throw new UsageError(`${dir} has no built web page (index.html); run 'npm run build:web' first${typeof args.values.dir === 'string' ? '' : ' or pass --dir'}`, 'serve');
  }
  const server = serveStatic(dir);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new UsageError(`--port ${port}: already in use; pick another port or --port 0`, 'serve') : err);
    });
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  io.print(`serving ${dir} at ${url} (Ctrl+C to stop)`);
  io.result({ command: 'serve', url, dir });
  // Keep running until interrupted; close cleanly so Ctrl+C exits with code 0.
  await new Promise<void>((done) => {
    const stop = (): void => { server.close(() => done()); server.closeAllConnections?.(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
