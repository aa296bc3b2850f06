/**
 * @file "Compute on": the playground computes on WebGPU when the browser has it and on the CPU otherwise, and says
 * which one ran. The visitor can switch; a failed switch says why and stays on the CPU. The optimizer paths are
 * computed in a worker on the CPU either way (a descent is thousands of scalar steps: no work for a GPU).
 */
import { getBackend, setBackend } from './lib.js';
import { byId } from './util.js';

type Name = 'cpu' | 'webgpu';

const hasWebGPU = (): boolean => typeof navigator !== 'undefined' && 'gpu' in navigator && !!navigator.gpu;

/**
 * The picker in the top bar.
 * @example const picker = new BackendPicker(document, () => redrawEverything()); await picker.start();
 */
export class BackendPicker {
  private readonly select: HTMLSelectElement;
  private readonly note: HTMLElement;

  constructor(
    root: Document,
    private readonly onSwitched: () => void,
  ) {
    this.select = byId<HTMLSelectElement>(root, 'backend');
    this.note = byId(root, 'backend-note');
    const webgpu = this.select.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
    if (!hasWebGPU()) {
      webgpu.disabled = true;
      webgpu.textContent = 'WebGPU (not in this browser)';
    }
    this.select.addEventListener('change', async () => {
      await this.use(this.select.value as Name);
      this.onSwitched();
    });
  }

  /** Picks WebGPU when the browser has it, else the CPU. @example await picker.start() */
  async start(): Promise<void> {
    await this.use(hasWebGPU() ? 'webgpu' : 'cpu');
  }

  private async use(name: Name): Promise<void> {
    this.select.disabled = true;
    try {
      await setBackend(name);
      this.show();
    } catch (e) {
      await setBackend('cpu');
      this.show(`WebGPU could not start (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      this.select.disabled = false;
    }
  }

  private show(problem?: string): void {
    const name = getBackend();
    this.select.value = name;
    document.body.dataset.backend = name;
    const where = name === 'webgpu' ? 'on the GPU (WebGPU, float32)' : 'on the CPU (float64)';
    const why = problem ?? (name === 'cpu' && !hasWebGPU() ? 'this browser has no WebGPU' : '');
    this.note.textContent = `f, f′ and the grids are computed ${where}${why ? `: ${why}` : ''}.`;
  }
}
