/**
 * @file Play / pause / step / reset for the descent paths: a frame counter (the optimizer step shown) driven by
 * requestAnimationFrame at a chosen number of steps per second, a scrubber, and keyboard access (the buttons and
 * the range input are native controls; Space toggles play from anywhere outside a text box).
 */
import { byId } from './util.js';

/**
 * The playback controller of the descent mode.
 * @example
 * const player = new Player(document, (k) => drawStep(k), (k) => saveStepInUrl(k));
 * player.setLength(121); player.start();
 */
export class Player {
  private frame = 0;
  private length = 1;
  private playing = false;
  private raf = 0;
  private lastTime = 0;
  private carry = 0;
  /** True while more paths may still arrive (the player waits at the end instead of stopping). */
  waiting = false;
  private enabled = true;
  private readonly play: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly counter: HTMLElement;
  private readonly speed: HTMLSelectElement;
  private readonly controls: Array<HTMLButtonElement | HTMLInputElement>;

  /**
   * Wire the controls under `root`; `onFrame(k)` draws step k; `onSettle(k)` fires when the frame rests.
   * @example new Player(document.querySelector('#panel-2d')!, draw, remember)
   */
  constructor(
    root: ParentNode,
    private readonly onFrame: (k: number) => void,
    private readonly onSettle: (k: number) => void,
  ) {
    this.play = byId<HTMLButtonElement>(root, 'play');
    this.slider = byId<HTMLInputElement>(root, 'scrub');
    this.counter = byId(root, 'step-count');
    this.speed = byId<HTMLSelectElement>(root, 'speed');
    this.controls = [
      this.play,
      this.slider,
      ...['step-back', 'step-fwd', 'reset'].map((id) => byId<HTMLButtonElement>(root, id)),
    ];
    this.play.addEventListener('click', () => this.toggle());
    byId(root, 'step-back').addEventListener('click', () => {
      this.pause();
      this.seek(this.frame - 1);
    });
    byId(root, 'step-fwd').addEventListener('click', () => {
      this.pause();
      this.seek(this.frame + 1);
    });
    byId(root, 'reset').addEventListener('click', () => {
      this.pause();
      this.seek(0);
    });
    this.slider.addEventListener('input', () => {
      this.pause();
      this.seek(Number(this.slider.value));
    });
  }

  /** The step shown. @example player.current // 0 after reset */
  get current(): number {
    return this.frame;
  }
  /** Whether frames are advancing. @example if (player.isPlaying) player.pause(); */
  get isPlaying(): boolean {
    return this.playing;
  }

  /** Number of frames (the longest path's points); keeps the current frame when it still exists. @example player.setLength(121) */
  setLength(n: number): void {
    this.length = Math.max(1, n);
    this.slider.max = String(this.length - 1);
    if (this.frame > this.length - 1 && !this.waiting) this.frame = this.length - 1;
    this.show();
  }

  /** Jump to step k (clamped). @example player.seek(0) */
  seek(k: number): void {
    this.frame = Math.max(0, Math.min(this.length - 1, Math.round(k)));
    this.show();
    if (!this.playing) this.onSettle(this.frame);
  }

  /**
   * Enable or disable every control (nothing to play while the formula or settings are invalid); disabling pauses.
   * @example player.setEnabled(false)
   */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) this.pause();
    for (const el of this.controls) el.disabled = !on;
  }

  /** Whether the controls are enabled. @example if (player.isEnabled) player.toggle(); */
  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Start or stop playing; at the end, play restarts from step 0. @example playButton.onclick = () => player.toggle(); */
  toggle(): void {
    if (!this.enabled) return;
    if (this.playing) this.pause();
    else this.start();
  }

  /** Play from the current step (from 0 when at the end). @example player.start() */
  start(): void {
    if (this.playing) return;
    if (this.frame >= this.length - 1 && !this.waiting) this.seek(0);
    this.playing = true;
    this.lastTime = performance.now();
    this.carry = 0;
    this.updateButton();
    this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  /** Stop at the current step (and report it through `onSettle`). @example player.pause() */
  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.updateButton();
    this.onSettle(this.frame);
  }

  private tick(now: number): void {
    if (!this.playing) return;
    const perSecond = Number(this.speed.value) || 30;
    this.carry += ((now - this.lastTime) / 1000) * perSecond;
    this.lastTime = now;
    const advance = Math.floor(this.carry);
    if (advance > 0) {
      this.carry -= advance;
      this.frame = Math.min(this.length - 1, this.frame + advance);
      this.show();
    }
    if (this.frame >= this.length - 1 && !this.waiting) {
      this.pause();
      return;
    }
    this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  private show(): void {
    this.slider.value = String(this.frame);
    this.counter.textContent = `step ${this.frame} / ${this.length - 1}`;
    this.onFrame(this.frame);
  }

  private updateButton(): void {
    this.play.textContent = this.playing ? 'Pause' : 'Play';
    this.play.setAttribute('aria-pressed', String(this.playing));
  }
}
