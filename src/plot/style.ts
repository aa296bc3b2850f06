/**
 * @file matplotlib's default rcParams that the 2-D axes use, in points (converted to px with dpi/72 at draw time).
 */
export const rc = {
  fontSize: 10,
  titleSize: 12,
  labelSize: 10,
  tickLabelSize: 10,
  legendFontSize: 10,
  lineWidth: 1.5,
  markerSize: 6,
  axesLineWidth: 0.8,
  tickSize: 3.5,
  tickWidth: 0.8,
  tickPad: 3.5,
  labelPad: 4,
  titlePad: 6,
  gridColor: '#b0b0b0',
  gridWidth: 0.8,
  margin: 0.05,
  // Subplot parameters (figure fractions) and gaps (fractions of the mean axes size).
  left: 0.125,
  right: 0.9,
  bottom: 0.11,
  top: 0.88,
  wspace: 0.2,
  hspace: 0.2,
  // Legend, in font-size units except the frame alpha/colour.
  legend: {
    borderPad: 0.4,
    labelSpacing: 0.5,
    handleLength: 2.0,
    handleTextPad: 0.8,
    borderAxesPad: 0.5,
    frameAlpha: 0.8,
    edgeColor: '#cccccc',
    frameWidth: 1.0,
    round: 0.2,
  },
  textColor: '#000000',
} as const;

/** matplotlib dash patterns, in multiples of the line width (lines.dashed_pattern etc.). */
export const dashPatterns: Record<string, number[] | null> = {
  '-': null,
  solid: null,
  '--': [3.7, 1.6],
  dashed: [3.7, 1.6],
  ':': [1, 1.65],
  dotted: [1, 1.65],
  '-.': [6.4, 1.6, 1, 1.6],
  dashdot: [6.4, 1.6, 1, 1.6],
  '': null,
  none: null,
};

/**
 * SVG stroke-dasharray for a line style and width in px; throws for unknown styles.
 * @example dashArray('--', 2, 'plot') // '7.4 3.2'
 */
export function dashArray(style: string, widthPx: number, fn: string): string | undefined {
  if (!(style in dashPatterns)) {
    throw new Error(
      `${fn}: unknown lineStyle '${style}'; expected '-', '--', ':', '-.' (or solid, dashed, dotted, ` + `dashdot)`,
    );
  }
  const p = dashPatterns[style];
  return p ? p.map((v) => +(v * Math.max(widthPx, 1)).toFixed(2)).join(' ') : undefined;
}
