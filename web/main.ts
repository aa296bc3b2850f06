/**
 * @file The playground's entry: read the state from the URL, wire the two modes, keep the URL in step with what
 * the visitor does (replaceState, debounced), and handle the page-wide bits (tabs, "Copy link", Space to play).
 */
import { loadTeX } from './lib.js';
import { Panel1D } from './panel-1d.js';
import { Panel2D } from './panel-2d.js';
import { parseState, serializeState, type Mode, type State } from './state.js';
import { byId } from './util.js';
import { BackendPicker } from './backend-picker.js';

const { state, problems } = parseState(location.search);
const notice = byId(document, 'notice');

function notify(text: string, kind: 'info' | 'warn' = 'info'): void {
  notice.textContent = text;
  notice.dataset.kind = kind;
  notice.hidden = text === '';
}

let urlTimer = 0;
function update(change: Partial<State>): void {
  Object.assign(state, change);
  clearTimeout(urlTimer);
  urlTimer = window.setTimeout(() => history.replaceState(null, '', serializeState(state)), 200);
}

const panel1 = new Panel1D(byId(document, 'panel-1d'), update);
const panel2 = new Panel2D(byId(document, 'panel-2d'), update);
const loaded = new Set<Mode>();
// a switch of backend redraws what is on screen, computed on the new one
const backends = new BackendPicker(document, () => {
  if (loaded.has('1d')) panel1.redraw();
  if (loaded.has('2d')) panel2.redraw();
});

function setMode(mode: Mode, focus = false): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    const on = tab.dataset.mode === mode;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  byId(document, 'panel-1d').hidden = mode !== '1d';
  byId(document, 'panel-2d').hidden = mode !== '2d';
  document.body.dataset.mode = mode;
  // Each mode is drawn the first time it is shown, so opening the page never pays for both.
  if (!loaded.has(mode)) {
    loaded.add(mode);
    if (mode === '1d') panel1.load(state);
    else panel2.load(state);
  }
  if (state.mode !== mode) update({ mode });
}

// The control forms never submit (Enter in a field must not reload the page); no inline handler, as the
// Content-Security-Policy of `gradtape serve` allows no inline script.
for (const form of document.querySelectorAll('form')) form.addEventListener('submit', (ev) => ev.preventDefault());

for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
  tab.addEventListener('click', () => setMode(tab.dataset.mode as Mode));
  tab.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') setMode(state.mode === '1d' ? '2d' : '1d', true);
  });
}

byId(document, 'share').addEventListener('click', async () => {
  clearTimeout(urlTimer);
  history.replaceState(null, '', serializeState(state));
  try {
    await navigator.clipboard.writeText(location.href);
    notify('Link copied: it opens this exact view.');
  } catch {
    // No clipboard permission (plain http, old browser): the address bar holds the same link.
    notify('Copy the address bar: it holds a link to this exact view.');
  }
  window.setTimeout(() => notify(''), 4000);
});

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    if (loaded.has('1d')) panel1.resized();
  }, 150);
});

document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement;
  const typing = t.closest('input, select, textarea, button, [role="tab"]') !== null;
  if (ev.key === ' ' && !typing && state.mode === '2d') {
    ev.preventDefault();
    panel2.togglePlay();
  }
});

async function start(): Promise<void> {
  if (problems.length > 0)
    notify(`Some settings in the link were not understood and were reset: ${problems.join('; ')}`, 'warn');
  const slow = window.setTimeout(() => {
    if (problems.length === 0) notify('Loading the TeX renderer for the legends…');
  }, 400);
  try {
    await loadTeX();
  } catch (e) {
    notify(`The TeX renderer failed to load (${e instanceof Error ? e.message : String(e)}); reload to retry.`, 'warn');
  }
  clearTimeout(slow);
  if (problems.length === 0 && notice.textContent?.startsWith('Loading')) notify('');
  await backends.start();
  setMode(state.mode);
  document.body.dataset.ready = 'true';
}

void start();
