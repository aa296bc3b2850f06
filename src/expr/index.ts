/**
 * @file Formulas as text: `expr` and the pieces a CLI or web page needs to show errors and
 * LaTeX (`ExprError`, `parse`, `toTeX`).
 */
export { expr, type ExprFunction, type ExprOptions, type ExprValue } from './expr.js';
export { derivative, symbolicGradient, symbolicHessian, derivativeText, simplifyText } from './derivative.js';
export { derivativeLabel, MAX_LABEL_NODES, type DerivativeLabel } from './derivative-label.js';
export { ExprError, isExprError, type Span } from './errors.js';
export { parse, type ParseOptions } from './parser.js';
export { toTeX, toText } from './format.js';
export { compile, type OpTable, type Evaluator, type Bindings } from './compile.js';
export { FUNCTIONS, CONSTANTS, type FunctionSpec, type OpName } from './functions.js';
export { variablesOf, type Node } from './ast.js';
export { closest, editDistance } from '../core/suggest.js';
