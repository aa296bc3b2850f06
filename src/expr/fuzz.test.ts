/**
 * @file Fuzzing: any input either parses or throws ExprError — never a TypeError, RangeError or
 * a stack overflow — and whatever parses prints, re-parses and evaluates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { ExprError } from './errors.js';
import { toTeX, toText } from './format.js';
import { GOOD_FORMULAS, mathOps } from '../../test/fixtures/formulas.js';
import { parse } from './parser.js';
import { variablesOf } from './ast.js';
import { formulaArbitrary } from '../../test/fixtures/formula-arbitrary.js';

/** Parse; on success also print, re-parse and evaluate. Returns 'ok' or 'error', or rethrows anything else. */
function exercise(source: string, slots = false): 'ok' | 'error' {
  try {
    const ast = parse(source, { slots });
    expect(toText(parse(toText(ast), { slots }))).toBe(toText(ast));
    expect(typeof toTeX(ast)).toBe('string');
    const variables = new Map([...variablesOf(ast).keys()].map((k) => [k, 0.5]));
    const value = compile<number>(ast, mathOps)({ variables, slots: Array(10).fill(0.25) });
    expect(typeof value).toBe('number');
    return 'ok';
  } catch (err) {
    if (err instanceof ExprError) {
      expect(err.column).toBeGreaterThanOrEqual(1);
      expect(err.column).toBeLessThanOrEqual(source.length + 1);
      expect(err.format()).toContain(err.message);
      return 'error';
    }
    throw err;
  }
}

const formulaChars = fc.constantFrom(
  ...'0123456789.eE+-*/^(),xyz _sincoatexplgqrtbmdπ$#%|{}\t\n'.split(''),
  '**',
  'sin',
  'pi',
  'atan2',
  'max',
  '${1}',
);

describe('fuzz', () => {
  it('random strings over the formula alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(formulaChars, { maxLength: 40 }).map((a) => a.join('')),
        (s) => {
          exercise(s);
          exercise(s, true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('well-formed formulas (the generator the derivative property test draws from) always parse', () => {
    fc.assert(
      fc.property(formulaArbitrary(5), (s) => {
        expect(exercise(s)).toBe('ok');
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        exercise(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('mutations of good formulas', () => {
    const mutation = fc.record({
      index: fc.nat({ max: GOOD_FORMULAS.length - 1 }),
      at: fc.nat(),
      kind: fc.constantFrom('delete', 'insert', 'replace', 'swap', 'duplicate'),
      char: formulaChars,
    });
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        let s = GOOD_FORMULAS[ms[0]!.index]!.formula;
        for (const m of ms) {
          const i = s.length === 0 ? 0 : m.at % s.length;
          if (m.kind === 'delete') s = s.slice(0, i) + s.slice(i + 1);
          else if (m.kind === 'insert') s = s.slice(0, i) + m.char + s.slice(i);
          else if (m.kind === 'replace') s = s.slice(0, i) + m.char + s.slice(i + 1);
          else if (m.kind === 'swap') s = s.slice(0, i) + s.slice(i + 1, i + 2) + s.slice(i, i + 1) + s.slice(i + 2);
          else s = s.slice(0, i) + s.slice(i, i + 3) + s.slice(i);
        }
        if (exercise(s) === 'ok') parsed++;
      }),
      { numRuns: 3000 },
    );
    // Sanity: the mutations are not all fatal, so the success path is fuzzed too.
    expect(parsed).toBeGreaterThan(100);
  });
});
