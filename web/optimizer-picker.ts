/**
 * @file The optimizer picker: one row per catalogue entry (tick box, colour swatch, hyper-parameter box). The
 * hyper-parameters are checked with gradtape's own spec parser as you type, so a typo shows under its row and the
 * other optimizers keep running. Each row keeps one colour everywhere (contour, surface, loss chart).
 */
import { parseOptimizerSpec, tab10 } from './lib.js';
import { OPTIMIZERS, specFor, type OptimizerId } from './presets.js';

export const OPTIMIZER_IDS = Object.keys(OPTIMIZERS) as OptimizerId[];

/** The fixed colour of a catalogue row. @example colorOf('adam') */
export function colorOf(id: OptimizerId): string {
  // Skip tab10's grey (index 7): it would vanish against the contour lines.
  const palette = tab10.filter((_c, i) => i !== 7);
  return palette[OPTIMIZER_IDS.indexOf(id) % palette.length]!;
}

interface Row {
  id: OptimizerId;
  box: HTMLInputElement;
  params: HTMLInputElement;
  error: HTMLElement;
}

/**
 * The optimizer rows of the descent form.
 * @example
 * const picker = new OptimizerPicker(document.querySelector('#optimizers')!, () => rerun());
 * picker.load({ sgd: 'lr=0.01' }); picker.runs(); // [{ id: 'sgd', spec: 'sgd:lr=0.01' }]
 */
export class OptimizerPicker {
  private readonly rows: Row[] = [];

  /** Build the rows inside `list` (a <ul>); `onChange` fires after every valid edit. @example new OptimizerPicker(ul, rerun) */
  constructor(
    list: HTMLElement,
    private readonly onChange: () => void,
  ) {
    for (const id of OPTIMIZER_IDS) {
      const li = document.createElement('li');
      li.className = 'opt-row';
      li.dataset.opt = id;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = `opt-${id}`;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.className = 'opt-name';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colorOf(id);
      label.append(swatch, OPTIMIZERS[id].label);
      const params = document.createElement('input');
      params.type = 'text';
      params.className = 'opt-params';
      params.id = `opt-${id}-params`;
      params.spellcheck = false;
      params.autocomplete = 'off';
      params.placeholder = id === 'lbfgs' ? 'defaults' : 'lr=…';
      params.setAttribute('aria-label', `${OPTIMIZERS[id].label} hyper-parameters`);
      const error = document.createElement('div');
      error.className = 'field-error';
      error.id = `opt-${id}-error`;
      error.setAttribute('role', 'alert');
      error.hidden = true;
      params.setAttribute('aria-describedby', error.id);
      li.append(box, label, params, error);
      list.append(li);
      const row = { id, box, params, error };
      this.rows.push(row);
      box.addEventListener('change', () => {
        if (box.checked && params.value.trim() === '') params.value = OPTIMIZERS[id].params;
        this.validate(row);
        this.onChange();
      });
      params.addEventListener('input', () => {
        if (this.validate(row) && box.checked) this.onChange();
      });
      params.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && !box.checked) {
          box.checked = true;
          box.dispatchEvent(new Event('change'));
        }
      });
    }
  }

  /** Tick the given rows with their parameters (others unticked, their boxes reset to the defaults). @example picker.load({ adam: 'lr=0.05' }) */
  load(opts: Partial<Record<OptimizerId, string>>): void {
    for (const row of this.rows) {
      const given = opts[row.id];
      row.box.checked = given !== undefined;
      row.params.value = given ?? OPTIMIZERS[row.id].params;
      this.validate(row);
    }
  }

  /** Ticked rows → their hyper-parameter text (the URL form). @example picker.value() // { adam: 'lr=0.05' } */
  value(): Partial<Record<OptimizerId, string>> {
    const out: Partial<Record<OptimizerId, string>> = {};
    for (const row of this.rows) if (row.box.checked) out[row.id] = row.params.value.trim();
    return out;
  }

  /** Ticked rows whose spec parses, as { id, spec } for the worker. @example picker.runs() // [{ id: 'adam', spec: 'adam:lr=0.05' }] */
  runs(): { id: OptimizerId; spec: string }[] {
    return this.rows
      .filter((r) => r.box.checked && this.validate(r))
      .map((r) => ({ id: r.id, spec: specFor(r.id, r.params.value) }));
  }

  /** Show an error from the optimizer itself (an unknown or out-of-range option) under its row. @example picker.showError('sgd', null) */
  showError(id: OptimizerId, message: string | null): void {
    const row = this.rows.find((r) => r.id === id);
    if (!row) return;
    row.error.textContent = message ?? '';
    row.error.hidden = !message;
    if (message) row.params.setAttribute('aria-invalid', 'true');
    else row.params.removeAttribute('aria-invalid');
  }

  private validate(row: Row): boolean {
    try {
      parseOptimizerSpec(specFor(row.id, row.params.value));
      this.showError(row.id, null);
      return true;
    } catch (e) {
      this.showError(row.id, e instanceof Error ? e.message : String(e));
      return false;
    }
  }
}
