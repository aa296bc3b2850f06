/**
 * @file `gradtape serve`: serves the built web page in `dist-web/` with the careful static server of
 * ../static-server.ts, bound to localhost by default.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCount, type Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandIO } from '../io.js';
import { serveStatic } from '../static-server.js';

export { serveStatic } from '../static-server.js';

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
 * Run `gradtape serve` until SIGINT/SIGTERM.
 *
 * @example
 * await run(parseCommandLine(['--port', '0'], options, 'serve'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  if (args.positionals.length > 0)
    throw new UsageError(`serve takes no arguments (got '${args.positionals[0]}')`, 'serve');
  const port = parseCount(
    typeof args.values.port === 'string' ? args.values.port : '8080',
    '--port',
    0,
    65535,
    'serve',
  );
  const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
  const dir = typeof args.values.dir === 'string' ? resolve(args.values.dir) : defaultWebDir();
  if (!existsSync(join(dir, 'index.html'))) {
    throw new UsageError(
      `${dir} has no built web page (index.html); run 'npm run build:web' first${typeof args.values.dir === 'string' ? '' : ' or pass --dir'}`,
      'serve',
    );
  }
  const server = serveStatic(dir, { host });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new UsageError(`--port ${port}: already in use; pick another port or --port 0`, 'serve')
          : err,
      );
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
    const stop = (): void => {
      server.close(() => done());
      server.closeAllConnections?.();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
