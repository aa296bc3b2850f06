/**
 * @file "Did you mean …?" suggestions by edit distance, for unknown names in formulas, CLI options and the
 * options objects of the library's functions (`optionsOf`).
 */

/**
 * Damerau–Levenshtein (optimal string alignment) distance: insertions, deletions, substitutions
 * and swaps of two neighbours each cost 1, so `sinn`→`sin` and `cso`→`cos` are both 1.
 *
 * @example
 * editDistance('sinn', 'sin'); // 1
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The closest candidate to `name`, or undefined when nothing is close enough to be a plausible
 * typo (distance at most 1 for names of 2–4 characters, 2 for 5+; a one-letter name matches
 * only a case variant; case-only differences always count).
 *
 * @example
 * closest('sinn', ['sin', 'cos']); // 'sin'
 * closest('zzz', ['sin', 'cos']);  // undefined
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  // One edit turns any one-letter name into any other, so single letters only match by case.
  const limit = name.length >= 5 ? 2 : name.length >= 2 ? 1 : 0.5;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, candidate);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** What `optionsOf` gives for no options: one shared object, read only, so a call on a hot path allocates nothing. */
const NO_OPTIONS = Object.freeze({});

/**
 * An options argument, checked: `{}` when left out (undefined or null), else a plain object whose keys are all
 * `known`, so that a misspelt option (`{ persistant: true }`) is an error naming `fn` and the closest known name,
 * not a key silently ignored.
 * @example optionsOf({ persistant: true }, 'GradientTape', ['persistent']) // throws: … did you mean 'persistent'?
 */
export function optionsOf<T extends object>(opts: T | null | undefined, fn: string, known: readonly string[]): T {
  if (opts === undefined || opts === null) return NO_OPTIONS as T;
  if (typeof opts !== 'object' || Array.isArray(opts))
    throw new TypeError(
      `${fn}: options must be an object like { ${known[0]}: … }; got ${Array.isArray(opts) ? 'an array' : `${typeof opts} ${String(opts)}`}`,
    );
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known);
    throw new TypeError(
      `${fn}: unknown option '${key}'${guess === undefined ? '' : ` (did you mean '${guess}'?)`}; known options: ${known.join(', ')}`,
    );
  }
  return opts;
}
