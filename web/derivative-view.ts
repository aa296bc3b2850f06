/**
 * @file f′(x) typeset under the formula box: the symbolic derivative (gradtape's `derivativeLabel`, the
 * same formula the legend shows), drawn as an SVG by the plot library's TeX renderer; or a sentence
 * saying it is too long to show, so the box never fills with a wall of TeX. Screen readers get the
 * formula as text.
 */
import { derivativeLabel, measureText, renderText, type DerivativeLabel, type ExprFunction } from './lib.js';

const FONT_SIZE = 16;

/**
 * Show f′ of `f` in `box` (or clear it with null), and return the label for the legend.
 * @example const d = showDerivative(box, expr('x^2')); // box shows f′(x) = 2x; d.tex === '2x'
 */
export function showDerivative(box: HTMLElement, f: ExprFunction | null): DerivativeLabel | null {
  if (f === null) {
    box.replaceChildren();
    box.hidden = true;
    return null;
  }
  const label = derivativeLabel(f, 'x');
  box.hidden = false;
  delete box.dataset.formula;
  if (!label.ok) {
    box.textContent = `f′(x): ${label.reason}; the plot shows its values from the gradient tape.`;
    return label;
  }
  box.dataset.formula = label.text;
  const tex = `$f'(x) = ${label.tex}$`;
  try {
    const { width, height, depth } = measureText(tex, FONT_SIZE);
    const w = Math.ceil(width + 4);
    const h = Math.ceil(height + depth + 4);
    box.innerHTML =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">` +
      `${renderText(tex, 2, 2 + height, { fontSize: FONT_SIZE })}</svg>`;
    box.firstElementChild!.setAttribute('aria-label', `f′(x) = ${label.text}`);
  } catch {
    // the TeX renderer did not load: the canonical text still says it
    box.textContent = `f′(x) = ${label.text}`;
  }
  return label;
}
