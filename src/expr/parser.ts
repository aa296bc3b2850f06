/**
 * @file Parser: tokens -> AST, by recursive descent over Python's precedence levels.
 *
 *   sum     := product (('+' | '-') product)*            left-assoc
 *   product := unary (('*' | '/') unary)*                left-assoc
 *   unary   := ('-' | '+') unary | power                 so -x^2 is -(x^2), as in Python
 *   power   := primary (('^' | '**') unary)?             right-assoc, and 2^-1 works
 *   primary := number | constant | variable | slot | name '(' sum (',' sum)* ')' | '(' sum ')'
 *
 * Juxtaposition is never multiplication: `2x` is an error that says "write 2*x".
 */
import { deepestBeyond, type BinaryOp, type Node } from './ast.js';
import { ExprError, type Span } from './errors.js';
import { CONSTANTS, FUNCTIONS, isConstantName, isFunctionName } from './functions.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';
import { closest } from '../core/suggest.js';

export interface ParseOptions {
  /** Accept `${n}` placeholders (the tagged-template form). */
  readonly slots?: boolean;
  /**
   * When given, the only variable names allowed; any other name is an error with a suggestion.
   * When omitted, every identifier that is not a function or constant is a variable.
   */
  readonly variables?: readonly string[];
}

/** Deeper nesting than this is refused with an ExprError rather than overflowing the stack. */
export const MAX_DEPTH = 256;
/** Bound on the depth of the finished tree (chains like x+x+…+x count one level per operator). */
export const MAX_TREE_DEPTH = 1000;

/** Friendly pointers for names people bring from other languages. */
const FUNCTION_ALIASES: Readonly<Record<string, string>> = {
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  arctan2: 'atan2',
  arcsinh: 'asinh',
  arccosh: 'acosh',
  arctanh: 'atanh',
  minimum: 'min',
  maximum: 'max',
  power: 'pow',
  fmod: 'mod',
  sqr: 'square',
  sgn: 'sign',
  absolute: 'abs',
  exponential: 'exp',
  logistic: 'sigmoid',
  expit: 'sigmoid',
};

/** The function a foreign name stands for; own keys only, so `constructor` is not an alias. */
const aliasOf = (name: string): string | undefined =>
  Object.hasOwn(FUNCTION_ALIASES, name) ? FUNCTION_ALIASES[name] : undefined;

/**
 * Parse a formula into an AST.
 *
 * @throws ExprError pointing at the offending column.
 * @example
 * parse('5*sin(2*x) + x^2').type; // 'binary'
 * parse('2x'); // ExprError: missing operator between '2' and 'x' at column 2 — write 2*x
 */
export function parse(source: string, options: ParseOptions = {}): Node {
  return new Parser(source, tokenize(source, { slots: options.slots }), options).parseFormula();
}

const spanOf = (t: Token): Span => ({ start: t.start, end: t.end });

const startsOperand = (kind: TokenKind): boolean =>
  kind === 'number' || kind === 'ident' || kind === 'lparen' || kind === 'slot';

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly allowed: ReadonlySet<string> | undefined;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    options: ParseOptions,
  ) {
    this.allowed = options.variables ? new Set(options.variables) : undefined;
  }

  parseFormula(): Node {
    if (this.peek().kind === 'eof') {
      throw new ExprError('empty formula', this.source, { start: 0, end: 0 }, 'write an expression such as x^2 + 1');
    }
    const first = this.pos;
    const node = this.parseSum();
    this.expectAfterOperand(first, ['eof']);
    // Long chains (x+x+…) build deep trees without deep parser recursion; everything that walks
    // the tree recursively (compile, print) relies on this bound.
    const tooDeep = deepestBeyond(node, MAX_TREE_DEPTH);
    if (tooDeep) {
      throw new ExprError(
        'formula is too deeply nested or too long',
        this.source,
        tooDeep.span,
        `at most ${MAX_TREE_DEPTH} levels of operations are supported; split it into smaller formulas`,
      );
    }
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.text);
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_DEPTH) {
      throw new ExprError('formula nests too deeply', this.source, at, `at most ${MAX_DEPTH} levels are supported`);
    }
  }

  private binary(op: BinaryOp, left: Node, right: Node): Node {
    return { type: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  private parseSum(): Node {
    let left = this.parseProduct();
    while (this.isOp('+', '-')) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.parseProduct());
    }
    return left;
  }

  private parseProduct(): Node {
    let left = this.parseUnary();
    while (this.isOp('*', '/')) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.isOp('-', '+')) {
      const op = this.next();
      this.enter(op);
      const arg = this.parseUnary();
      this.depth--;
      return { type: 'unary', op: op.text as '-' | '+', arg, span: { start: op.start, end: arg.span.end } };
    }
    return this.parsePower();
  }

  private parsePower(): Node {
    const base = this.parsePrimary();
    if (!this.isOp('^', '**')) return base;
    const op = this.next();
    this.enter(op);
    const exponent = this.parseUnary();
    this.depth--;
    return this.binary('^', base, exponent);
  }

  private parsePrimary(): Node {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'number', value: t.value!, text: t.text, span: spanOf(t) };
      case 'slot':
        this.next();
        return { type: 'slot', index: t.value!, span: spanOf(t) };
      case 'ident':
        this.next();
        return this.peek().kind === 'lparen' ? this.parseCall(t) : this.parseName(t);
      case 'lparen': {
        this.next();
        this.enter(t);
        const first = this.pos;
        const inner = this.parseSum();
        this.expectAfterOperand(first, ['rparen'], t);
        this.next();
        this.depth--;
        return inner;
      }
      default:
        throw this.unexpected(t, 'expected a number, a variable, a function call or (');
    }
  }

  private parseName(t: Token): Node {
    const name = t.text;
    if (isConstantName(name)) return { type: 'constant', name, value: CONSTANTS[name]!, span: spanOf(t) };
    if (isFunctionName(name)) {
      throw new ExprError(`'${name}' is a function`, this.source, t, `call it with parentheses, e.g. ${name}(x)`);
    }
    if (this.allowed && !this.allowed.has(name)) {
      throw new ExprError(`unknown variable '${name}'`, this.source, t, this.unknownVariableHint(name));
    }
    return { type: 'variable', name, span: spanOf(t) };
  }

  private unknownVariableHint(name: string): string {
    const vars = [...this.allowed!];
    // "sinx" or "xy": a function name or variables run together without an operator.
    for (const fn of Object.keys(FUNCTIONS)) {
      const rest = name.slice(fn.length);
      if (name.startsWith(fn) && rest && this.allowed!.has(rest)) return `did you mean '${fn}(${rest})'?`;
    }
    if ([...name].every((c) => this.allowed!.has(c)) && new Set(name).size > 1) {
      return `did you mean '${[...name].join('*')}'? (write * between variables)`;
    }
    const guess = closest(name, [...vars, 'pi', 'e']);
    if (guess) return `did you mean '${guess}'?`;
    return vars.length > 0 ? `the variables are ${vars.join(', ')}` : 'this formula takes no variables';
  }

  private parseCall(nameToken: Token): Node {
    const name = nameToken.text;
    const spec = FUNCTIONS[name];
    if (!isFunctionName(name) || spec === undefined) throw this.unknownFunction(nameToken);
    const open = this.next();
    this.enter(open);
    const args: Node[] = [];
    if (this.peek().kind !== 'rparen') {
      for (;;) {
        const first = this.pos;
        args.push(this.parseSum());
        this.expectAfterOperand(first, ['comma', 'rparen'], open);
        if (this.next().kind === 'rparen') break;
      }
    } else {
      this.next();
    }
    this.depth--;
    const close = this.tokens[this.pos - 1]!;
    if (args.length !== spec.arity) {
      const plural = spec.arity === 1 ? 'argument' : 'arguments';
      throw new ExprError(
        `${name} takes ${spec.arity} ${plural}, got ${args.length}`,
        this.source,
        nameToken,
        spec.arity === 1 ? `write ${name}(x)` : `write ${name}(a, b)`,
      );
    }
    return { type: 'call', name, spec, args, span: { start: nameToken.start, end: close.end } };
  }

  private unknownFunction(t: Token): ExprError {
    const name = t.text;
    if (this.allowed?.has(name) || isConstantName(name)) {
      return new ExprError(`missing operator between '${name}' and '('`, this.source, this.peek(), `write ${name}*(…)`);
    }
    const guess = aliasOf(name) ?? aliasOf(name.toLowerCase()) ?? closest(name, Object.keys(FUNCTIONS));
    return new ExprError(
      `unknown function '${name}'`,
      this.source,
      t,
      guess ? `did you mean '${guess}'?` : `to multiply, write ${name}*(…)`,
    );
  }

  /**
   * After a complete operand, the next token must be one of `allowed`. Otherwise explain: two
   * operands side by side (missing operator), an unclosed parenthesis, or a stray token.
   */
  private expectAfterOperand(firstToken: number, allowed: TokenKind[], open?: Token): void {
    const t = this.peek();
    if (allowed.includes(t.kind)) return;
    if (startsOperand(t.kind)) {
      const prev = this.tokens[this.pos - 1]!;
      let left = this.source.slice(this.tokens[firstToken]!.start, prev.end);
      if (left.length > 24) left = '…' + left.slice(-20);
      const call = t.kind === 'ident' && this.peek(1).kind === 'lparen';
      const right = t.kind === 'lparen' ? '(…)' : call ? `${t.text}(…)` : t.text;
      return this.fail(
        new ExprError(
          `missing operator between '${prev.text}' and '${t.text}'`,
          this.source,
          t,
          `write ${left}*${right}`,
        ),
      );
    }
    if (t.kind === 'eof' && open) {
      return this.fail(
        new ExprError(
          'unexpected end of formula',
          this.source,
          t,
          `missing ')' to close the '(' at column ${open.start + 1}`,
        ),
      );
    }
    if (t.kind === 'rparen') return this.fail(this.unexpected(t, 'there is no open ( to close here'));
    if (t.kind === 'comma') {
      return this.fail(
        this.unexpected(
          t,
          open ? 'only a function call takes several arguments' : 'commas only separate function arguments',
        ),
      );
    }
    return this.fail(this.unexpected(t));
  }

  private fail(err: ExprError): never {
    throw err;
  }

  private unexpected(t: Token, hint?: string): ExprError {
    if (t.kind === 'eof') {
      return new ExprError('unexpected end of formula', this.source, t, hint ?? 'the formula is incomplete');
    }
    return new ExprError(`unexpected '${t.text}'`, this.source, t, hint);
  }
}

/** Re-exported for callers that build spans by hand (tests, the CLI). */
export type { Span };
