/**
 * @file The simplifier against the textbook table (test/fixtures/derivative-table.ts): every
 * derivative equals the textbook's, and at least 90% read exactly as the textbook writes them. The
 * report prints with the test (and from `npx tsx bench/derivative.ts`).
 */
import { describe, expect, it } from 'vitest';
import { textbookReport } from '../../test/fixtures/derivative-report.js';

describe('derivative: textbook table', () => {
  const report = textbookReport();

  it('has at least 60 entries, among them the tutorial functions', () => {
    expect(report.rows.length).toBeGreaterThanOrEqual(60);
    const fs = report.rows.map((r) => r.f);
    for (const f of ['x^2 + 1', '5*sin(2*x) + x^2', '(sin(4*x) - cos(5*y))/5']) expect(fs).toContain(f);
  });

  it('every derivative equals the textbook answer', () => {
    console.log(report.text);
    expect(report.rows.filter((r) => r.verdict === 'different').map((r) => `${r.f} -> ${r.got}`)).toEqual([]);
  });

  it('at least 90% are identical to the textbook form', () => {
    expect(report.identical / report.rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('the tutorial functions read exactly as the textbook', () => {
    const got = Object.fromEntries(report.rows.map((r) => [`${r.f} ${r.by}`, r.got]));
    expect(got['5*sin(2*x) + x^2 x']).toBe('10*cos(2*x) + 2*x');
    expect(got['(sin(4*x) - cos(5*y))/5 x']).toBe('4/5*cos(4*x)');
    expect(got['x^2 + 1 x']).toBe('2*x');
  });
});
