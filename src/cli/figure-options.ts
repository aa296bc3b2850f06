/**
 * @file Options shared by the figure-writing subcommands: output target and figure size.
 */
import { parseCount, type Parsed } from './args.js';
import { checkOutputWritable, type OutputTarget } from './output.js';

export interface FigureSetup {
  readonly output: OutputTarget;
  readonly width: number;
  readonly height: number;
}

/**
 * Read `-o`, `--width`, `--height` (validated before any computation, so a bad or unwritable path
 * fails fast).
 *
 * @example
 * await figureSetup(args, 'plot', 'plot.png', ['png', 'svg']);
 */
export async function figureSetup(
  args: Parsed,
  command: string,
  defaultOutput: string,
  formats: readonly string[],
): Promise<FigureSetup> {
  const v = args.values;
  const width = parseCount((v.width as string | undefined) ?? '640', '--width', 50, 8000, command);
  const height = parseCount((v.height as string | undefined) ?? '480', '--height', 50, 8000, command);
  return {
    output: await checkOutputWritable((v.output as string | undefined) ?? defaultOutput, formats, command),
    width,
    height,
  };
}

/**
 * Read a string option with a default.
 *
 * @example
 * opt(args, 'range', '-5:5'); // '-5:5' unless --range was given
 */
export function opt(args: Parsed, name: string, fallback: string): string {
  const v = args.values[name];
  return typeof v === 'string' ? v : fallback;
}
