#!/usr/bin/env node
/**
 * @file The `gradtape` command: finds the subcommand, parses its options, runs it, and turns
 * failures into exit codes (0 ok, 2 usage/formula error, 1 anything else) and one-paragraph
 * messages without stack traces (set GRADTAPE_DEBUG=1 to see them).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './args.js';
import { COMMANDS, mainHelp } from './commands.js';
import { UsageError, describeError, exitCodeOf } from './errors.js';
import { processIO, toJson, type Streams } from './io.js';
import { closest } from '../core/suggest.js';

function packageVersion(): string {
  try {
    // src/cli/main.ts and dist/cli/main.js both sit two levels below the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Run the CLI on `argv` (without `node` and the script) and return the exit code.
 *
 * @example
 * process.exitCode = await main(['grad', 'x^2', '--at', 'x=3']);
 */
export async function main(
  argv: readonly string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { stdout, stderr } = streams;
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  let commandName: string | undefined;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const info = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
      stdout.write(`${info ? info.help : mainHelp(packageVersion())}\n`);
      if (topic && !info) throw new UsageError(`unknown command '${topic}'`);
      return 0;
    }
    if (name === '--version' || name === '-v') {
      stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const info = COMMANDS.find((c) => c.name === name);
    if (!info) {
      const guess = closest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(
        `unknown command '${name}'${guess ? ` — did you mean '${guess}'?` : ''} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
      );
    }
    commandName = info.name;
    const args = parseCommandLine(rest, info.options, info.name);
    if (args.values.help) {
      stdout.write(`${info.help}\n`);
      return 0;
    }
    if (typeof args.values.backend === 'string') await useBackendOption(args.values.backend, info.name);
    const command = await info.load();
    const status = await command.run(args, processIO(args.values.json === true, streams));
    return typeof status === 'number' ? status : 0;
  } catch (err) {
    stderr.write(`${describeError(err, commandName)}\n`);
    if (process.env.GRADTAPE_DEBUG && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
    if (json) stdout.write(toJson({ error: errorJson(err) }));
    return exitCodeOf(err);
  }
}

/** `--backend NAME`: the backend the command computes on (its values are read back asynchronously). */
async function useBackendOption(name: string, command: string): Promise<void> {
  const known = ['cpu', 'webgpu'];
  if (!known.includes(name))
    throw new UsageError(`--backend: unknown backend '${name}' (the backends: ${known.join(', ')})`, command);
  const { setBackend } = await import('../index.js');
  await setBackend(name);
}

function errorJson(err: unknown): Record<string, unknown> {
  const e = err as {
    name?: string;
    message?: string;
    column?: number;
    reason?: string;
    hint?: string;
    source?: string;
  };
  const kind = exitCodeOf(err) === 2 ? (e.name === 'ExprError' ? 'formula' : 'usage') : 'runtime';
  return e.name === 'ExprError'
    ? { kind, message: e.message, column: e.column, reason: e.reason, hint: e.hint, formula: e.source }
    : { kind, message: err instanceof Error ? err.message : String(err) };
}

/** Exit status when the reader of our output went away: what the shell reports for a tool killed by SIGPIPE. */
export const EXIT_PIPE_CLOSED = 128 + 13;

/**
 * A reader that stops early (`gradtape grad … --json | head -c 100`) closes the pipe, and the next write fails
 * with EPIPE, emitted as an 'error' event that would otherwise crash the process with a stack trace. Nobody is
 * left to read anything, so end at once and quietly, as Unix tools do when SIGPIPE ends them; any other stream
 * error gets the one-line message of every CLI failure.
 *
 * @example
 * endQuietlyOnClosedPipe(process.stdout);
 */
export function endQuietlyOnClosedPipe(
  stream: NodeJS.EventEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return exit(EXIT_PIPE_CLOSED);
    process.stderr.write(`gradtape: error: cannot write the output: ${err.message}\n`);
    exit(1);
  });
}

// Run when executed (node dist/cli/main.js, the npm bin link, or tsx src/cli/main.ts), not when imported by tests.
const invokedPath = process.argv[1];
if (invokedPath !== undefined && realpathSafe(invokedPath) === realpathSafe(fileURLToPath(import.meta.url))) {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`gradtape: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

function realpathSafe(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
