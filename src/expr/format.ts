/**
 * @file Printing an AST back out: as canonical formula text (minimal parentheses, re-parses to
 * the same tree) and as LaTeX for plot legends (`5*sin(2*x) + x^2` -> `5\sin(2x) + x^{2}`).
 */
import type { Node } from './ast.js';

/** Binding strength of a node when printed; higher binds tighter. */
function precedence(n: Node): number {
  if (n.type === 'binary') return n.op === '+' || n.op === '-' ? 1 : n.op === '^' ? 4 : 2;
  if (n.type === 'unary') return 3;
  return 5;
}

const paren = (s: string, wrap: boolean): string => (wrap ? `(${s})` : s);

/**
 * Canonical formula text: `a + b`, `a - b`, `a*b`, `a/b`, `a^b`, `f(a, b)`, parentheses only
 * where the tree needs them, numbers as written. Parsing the result gives the same tree.
 *
 * @example
 * toText(parse('5 * sin( 2*x )+x**2')); // '5*sin(2*x) + x^2'
 */
export function toText(n: Node): string {
  switch (n.type) {
    case 'number':
      return n.text;
    case 'constant':
    case 'variable':
      return n.name;
    case 'slot':
      return `\${${n.index}}`;
    case 'call':
      return `${n.name}(${n.args.map(toText).join(', ')})`;
    case 'unary':
      return n.op + paren(toText(n.arg), precedence(n.arg) <= 3);
    case 'binary': {
      const p = precedence(n);
      if (n.op === '^') {
        return `${paren(toText(n.left), precedence(n.left) <= 4)}^${paren(toText(n.right), precedence(n.right) < 3)}`;
      }
      const left = paren(toText(n.left), precedence(n.left) < p);
      const right = paren(toText(n.right), precedence(n.right) <= p);
      return p === 1 ? `${left} ${n.op} ${right}` : `${left}${n.op}${right}`;
    }
  }
}

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
]);

/** TeX commands that print their own operator name (amsmath's \operatorname for the rest). */
const TEX_NAMES: Readonly<Record<string, string>> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  asin: '\\arcsin',
  acos: '\\arccos',
  atan: '\\arctan',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  log: '\\log',
  ln: '\\ln',
  min: '\\min',
  max: '\\max',
  sigmoid: '\\sigma',
  relu: '\\operatorname{ReLU}',
  elu: '\\operatorname{ELU}',
};

function texName(name: string): string {
  if (name.length === 1) return name;
  if (GREEK.has(name)) return `\\${name}`;
  const indexed = /^([A-Za-z]+?)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (indexed) return `${texName(indexed[1]!)}_{${indexed[2]}}`;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function texNumber(text: string): string {
  const m = /^([\d.]+)[eE]([+-]?\d+)$/.exec(text);
  const fix = (s: string): string => (s.startsWith('.') ? `0${s}` : s.endsWith('.') ? s.slice(0, -1) : s);
  if (!m) return fix(text);
  const exponent = String(Number(m[2]));
  const mantissa = fix(m[1]!);
  return Number(mantissa) === 1 ? `10^{${exponent}}` : `${mantissa} \\cdot 10^{${exponent}}`;
}

/** `(s)` in TeX, growing with the content when it holds a fraction. */
function texParen(s: string): string {
  return s.includes('\\frac') ? `\\left(${s}\\right)` : `(${s})`;
}

/** A base of `^` that reads unambiguously without parentheses. */
function isTexAtom(n: Node): boolean {
  if (n.type === 'variable' || n.type === 'constant' || n.type === 'slot') return true;
  if (n.type === 'number') return !/[eE]/.test(n.text);
  return n.type === 'call' && ['sqrt', 'abs', 'floor', 'ceil'].includes(n.name);
}

/** Functions whose power is written on the name, as `\cos^{2}(x)`. */
const TRIG = new Set(['sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh']);

function texPower(base: Node, exponent: string): string {
  const b = toTeX(base);
  if (base.type === 'call' && TRIG.has(base.name) && /^\d+$/.test(exponent)) {
    return `\\${base.name}^{${exponent}}${texParen(toTeX(base.args[0]!))}`;
  }
  return `${isTexAtom(base) ? b : `\\left(${b}\\right)`}^{${exponent}}`;
}

function texCall(n: Node & { type: 'call' }): string {
  const [a, b] = n.args.map(toTeX) as [string, string | undefined];
  switch (n.name) {
    case 'sqrt':
      return `\\sqrt{${a}}`;
    case 'rsqrt':
      return `\\frac{1}{\\sqrt{${a}}}`;
    case 'reciprocal':
      return `\\frac{1}{${a}}`;
    case 'exp':
      return `e^{${a}}`;
    case 'abs':
      return `\\left|${a}\\right|`;
    case 'floor':
      return `\\left\\lfloor ${a}\\right\\rfloor`;
    case 'ceil':
      return `\\left\\lceil ${a}\\right\\rceil`;
    case 'square':
      return texPower(n.args[0]!, '2');
    case 'pow':
      return texPower(n.args[0]!, b!);
    case 'heaviside':
      return texStep(n.args[0]!, n.args[1]!) ?? `\\operatorname{heaviside}(${a}, ${b})`;
    default: {
      const name = TEX_NAMES[n.name] ?? `\\operatorname{${n.name}}`;
      return `${name}${texParen(b === undefined ? a : `${a}, ${b}`)}`;
    }
  }
}

/**
 * The Heaviside step as an Iverson bracket when its value at 0 is 0 or 1: `heaviside(x, 0)` is
 * `[x > 0]`, `heaviside(a - b, 1)` is `[a \ge b]` (how relu' and max' read in a derivative).
 */
function texStep(arg: Node, h0: Node): string | undefined {
  if (h0.type !== 'number' || (h0.value !== 0 && h0.value !== 1)) return undefined;
  const rel = h0.value === 0 ? '>' : '\\ge';
  const [l, r] = arg.type === 'binary' && arg.op === '-' ? [toTeX(arg.left), toTeX(arg.right)] : [toTeX(arg), '0'];
  return `[${l} ${rel} ${r}]`;
}

/** Whether a product may be written by juxtaposition (`2x`, `5\sin(x)`) rather than with `\cdot`. */
function juxtapose(right: Node, rightTeX: string): boolean {
  // "x 2" or "x -y" side by side would misread, so numbers and negations get an explicit dot.
  return right.type !== 'unary' && !/^[\d.]/.test(rightTeX);
}

/**
 * LaTeX for a formula, for legends and titles: `\frac` for division, juxtaposition for
 * products where it reads clearly, `\cdot` where it would not (`x \cdot 2`).
 *
 * @example
 * toTeX(parse('5*sin(2*x) + x^2')); // '5\\sin(2x) + x^{2}'
 * toTeX(parse('(sin(4*x) - cos(5*y))/5')); // '\\frac{\\sin(4x) - \\cos(5y)}{5}'
 */
export function toTeX(n: Node): string {
  switch (n.type) {
    case 'number':
      return texNumber(n.text);
    case 'constant':
      return n.name === 'e' ? 'e' : '\\pi';
    case 'variable':
      return texName(n.name);
    case 'slot':
      return `\\square_{${n.index}}`;
    case 'call':
      return texCall(n);
    case 'unary': {
      const arg = toTeX(n.arg);
      return n.op + (precedence(n.arg) <= 1 ? `\\left(${arg}\\right)` : arg);
    }
    case 'binary': {
      if (n.op === '/') {
        // -a/b parses as (-a)/b; it reads as -\frac{a}{b}
        if (n.left.type === 'unary' && n.left.op === '-') return `-\\frac{${toTeX(n.left.arg)}}{${toTeX(n.right)}}`;
        return `\\frac{${toTeX(n.left)}}{${toTeX(n.right)}}`;
      }
      if (n.op === '^') return texPower(n.left, toTeX(n.right));
      const left = precedence(n.left) < precedence(n) ? texParen(toTeX(n.left)) : toTeX(n.left);
      const rightRaw = toTeX(n.right);
      if (n.op === '+' || n.op === '-') {
        const wrap = precedence(n.right) <= 1 || n.right.type === 'unary' || rightRaw.startsWith('-');
        return `${left} ${n.op} ${wrap ? texParen(rightRaw) : rightRaw}`;
      }
      if (precedence(n.right) <= 1) return `${left}${texParen(rightRaw)}`;
      if (n.right.type === 'unary' || rightRaw.startsWith('-')) return `${left} \\cdot ${texParen(rightRaw)}`;
      if (!juxtapose(n.right, rightRaw)) return `${left} \\cdot ${rightRaw}`;
      // "\pi x" and "x y" need a space so TeX does not read one long command or name.
      const space = /[A-Za-z]$/.test(left) && /^[A-Za-z]/.test(rightRaw) ? ' ' : '';
      return `${left}${space}${rightRaw}`;
    }
  }
}
