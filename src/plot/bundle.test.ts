/**
 * @file The browser bundle of gradtape/plot must not pull Node-only code: resvg's native
 * binding, tslab and `node:*` built-ins are loaded lazily behind non-literal specifiers, so a plain vite library
 * build (no aliases, no externals) succeeds without "externalized for browser compatibility" warnings.
 */
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('browser bundle of gradtape/plot', () => {
  it('builds with vite for the browser without Node-only modules or workarounds', async () => {
    const messages: string[] = [];
    const logger = createLogger('warn', { allowClearScreen: false });
    logger.warn = (msg) => {
      messages.push(msg);
    };
    logger.warnOnce = (msg) => {
      messages.push(msg);
    };
    logger.error = (msg) => {
      messages.push(msg);
    };
    const out = await build({
      configFile: false,
      logLevel: 'warn',
      customLogger: logger,
      build: {
        write: false,
        minify: false,
        target: 'es2022',
        reportCompressedSize: false,
        lib: { entry, formats: ['es'], fileName: 'plot' },
        rolldownOptions: {
          onLog: (_level, log) => {
            messages.push(String(log.message));
          },
        },
      },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as {
      output: { type: string; code?: string; fileName: string }[];
    }[];
    const chunks = outputs.flatMap((o) => o.output);
    const code = chunks.map((c) => c.code ?? '').join('\n');
    // Vite replaces a Node built-in it had to follow with a throwing "__vite-browser-external" module (and warns):
    // none may appear, in chunk names or code.
    expect(chunks.map((c) => c.fileName).filter((f) => f.includes('browser-external'))).toEqual([]);
    expect(code).not.toContain('__vite-browser-external');
    expect(messages.filter((m) => /externalized|resvg|tslab|node:/i.test(m))).toEqual([]);
    // No chunk refers to a Node built-in or the native rasteriser by a literal specifier.
    expect(code).not.toMatch(/from\s*["']node:|import\(\s*["'](node:|@resvg|tslab)/);
    expect(code).toContain('svgToPng'); // the Node paths are still in the package, just not resolved
  }, 60_000);
});
