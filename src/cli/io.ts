/**
 * @file What a subcommand needs from the outside world: where to print, whether `--json` was
 * asked for, and number formatting shared by the human and JSON outputs.
 */

/** Output channels of a subcommand; main.ts binds them to the process, tests may fake them. */
export interface CommandIO {
  /** Human-readable lines (suppressed under `--json`). */
  print(line: string): void;
  /** Machine-readable result (printed only under `--json`, as one JSON document). */
  result(value: unknown): void;
  /** True under `--json`. */
  readonly json: boolean;
  /** stderr, for progress bars. */
  readonly stderr: { isTTY?: boolean; columns?: number; write(s: string): unknown };
}

/** Where the CLI writes: the process's streams, or fakes in tests. */
export interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { isTTY?: boolean; columns?: number; write(s: string): unknown };
}

/**
 * Create the IO of one subcommand run over `streams` (default: the process's).
 *
 * @example
 * const io = processIO(true); io.result({ value: 2 }); // prints pretty JSON on stdout
 */
export function processIO(
  json: boolean,
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
): CommandIO {
  return {
    json,
    stderr: streams.stderr,
    print: (line) => {
      if (!json) streams.stdout.write(`${line}\n`);
    },
    result: (value) => {
      if (json) streams.stdout.write(toJson(value));
    },
  };
}

/**
 * The one serialiser of every `--json` document (results and errors): pretty JSON plus a newline.
 * JSON has no NaN or ±Infinity, and null would make `sqrt'(0) = Infinity` and `log(-1) = NaN` look
 * alike, so they are written as the strings "NaN", "Infinity" and "-Infinity" (documented in the CLI
 * help); typed arrays become plain arrays.
 *
 * @example
 * toJson([1, NaN, -Infinity]); // '[\n  1,\n  "NaN",\n  "-Infinity"\n]\n'
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, jsonReplacer, 2)}\n`;
}

/**
 * The replacer behind {@link toJson}: non-finite numbers as strings, typed arrays as arrays.
 *
 * @example
 * JSON.stringify([1, NaN], jsonReplacer); // '[1,"NaN"]'
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/**
 * A number for people: up to 10 significant digits, no trailing zeros, `-0` as `0`.
 *
 * @example
 * fmt(0.1 + 0.2); // '0.3'
 * fmt(-0);        // '0'
 */
export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(v, -0) || v === 0) return '0';
  return String(Number(v.toPrecision(10)));
}

/**
 * `[a, b, c]` with {@link fmt}.
 *
 * @example
 * fmtList([0.1 + 0.2, 1]); // '[0.3, 1]'
 */
export function fmtList(values: readonly number[]): string {
  return `[${values.map(fmt).join(', ')}]`;
}
