// The button: a real <button> in an open shadow root, styles isolated with
// `all: initial`, every string from _locales, page text set as text only.
import { formatClock } from '../shared/wall-clock';

/** 'h:mm' for a total */
const hoursMinutes = (seconds: number) => {
  const m = Math.floor(Math.max(0, seconds) / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
};
import { t } from './extension-api';

export type ButtonState =
  | { kind: 'notConnected' }
  | { kind: 'idle' }
  | { kind: 'runningHere'; startedAtMs: number; synced: boolean }
  | { kind: 'runningElsewhere'; title: string }
  | { kind: 'problem'; message: string; offerNoTask: boolean }
  | { kind: 'error'; message: string };

export interface TimerButton {
  host: HTMLElement;
  /**
   * totalSec: the user's time on this task in TimeCamp (null: unknown), the running timer added live.
   * taskName: shown in the button only while it is docked (far from the task, it says which task it is).
   */
  render(state: ButtonState, busy: boolean, totalSec?: number | null, taskName?: string): void;
}

const GREEN = '#188038';
const RED = '#d93025';

const CSS = `
:host{all:initial;display:inline-flex;align-items:center;gap:8px;margin:4px 8px;vertical-align:middle;font:500 13px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
button{all:initial;box-sizing:border-box;display:inline-flex;align-items:center;gap:6px;padding:6px 12px;border-radius:6px;cursor:pointer;font:inherit;color:#fff;background:${GREEN};white-space:nowrap;transition:filter .1s}
button:hover{filter:brightness(1.08)}
button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
button[aria-pressed=true]{background:${RED}}
button[aria-busy=true]{cursor:progress;opacity:.85}
button.alt{color:${GREEN};background:transparent;border:1px solid currentColor;padding:5px 10px}
.dot{width:8px;height:8px;border-radius:50%;background:#fff}
[aria-pressed=true] .dot{border-radius:1px}
.clock{font-variant-numeric:tabular-nums}
.msg{color:#5f6368;max-width:360px;font-size:12px}
.msg.err{color:${RED}}
.msg.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.total{color:#5f6368;font-size:12px;font-variant-numeric:tabular-nums}
a{color:#1a73e8;font-size:12px}
[hidden]{display:none!important}
.task,.fold{display:none}
:host([data-timecamp-placement=docked]){position:fixed;z-index:2147483646;margin:0;padding:6px 8px;max-width:min(440px,calc(100vw - 48px));flex-wrap:wrap;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(0,0,0,.28)}
:host([data-corner=br]){right:16px;bottom:16px}:host([data-corner=bl]){left:16px;bottom:16px}
:host([data-corner=tr]){right:16px;top:16px}:host([data-corner=tl]){left:16px;top:16px}
:host([data-timecamp-placement=docked]) .task{display:inline;max-width:200px;overflow:hidden;text-overflow:ellipsis;font-weight:400}
:host([data-timecamp-placement=docked]) .fold{display:inline-flex;align-items:center;justify-content:center;width:24px;height:24px;border-radius:50%;cursor:pointer;color:#5f6368;font:600 16px/1 system-ui,sans-serif}
.fold:focus-visible{outline:2px solid #1a73e8;outline-offset:1px}
.fold[aria-expanded=true]::before{content:"\\2013"}
:host([data-folded]){padding:4px}
:host([data-folded]) > :not(.fold):not(style){display:none!important}
:host([data-folded]) .fold{background:${GREEN};color:#fff}:host([data-folded][data-running]) .fold{background:${RED}}
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** TimeCamp's timesheet, where "Force synchronization" imports new Planner tasks now */
const TIMESHEET_URL = 'https://app.timecamp.com/app#/timesheets/timer';

export function createTimerButton(onToggle: () => void, onNoTask: () => void): TimerButton {
  const host = el('span', { 'data-timecamp-timer': '' });
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = CSS;
  const button = el('button', { type: 'button', 'aria-pressed': 'false' });
  const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
  const label = el('span');
  // Docked only: the task's name, part of the accessible name after the action.
  const taskLabel = el('span', { class: 'task' });
  // The clock is not part of the accessible name, which must start with the action.
  const clock = el('span', { class: 'clock', 'aria-hidden': 'true' });
  button.append(dot, label, taskLabel, clock);
  const msg = el('span', { class: 'msg', role: 'status', 'aria-live': 'polite' });
  const noTask = el('button', { type: 'button', class: 'alt', hidden: '' });
  noTask.textContent = t('buttonTrackWithoutTask');
  const link = el('a', { href: TIMESHEET_URL, target: '_blank', rel: 'noopener noreferrer', hidden: '' });
  link.textContent = t('buttonOpenTimesheet');
  const total = el('span', { class: 'total', hidden: '' });
  // Docked only: fold the button to a dot, so it never hides Planner's own controls for long.
  const fold = el('button', { type: 'button', class: 'fold', 'aria-expanded': 'true' });
  root.append(style, button, total, msg, noTask, link, fold);

  button.addEventListener('click', onToggle);
  noTask.addEventListener('click', onNoTask);
  const drawFold = () => {
    const folded = host.hasAttribute('data-folded');
    fold.setAttribute('aria-expanded', String(!folded));
    fold.setAttribute('aria-label', t(folded ? 'dockShow' : 'dockHide'));
    fold.title = fold.getAttribute('aria-label')!;
  };
  fold.addEventListener('click', () => {
    host.toggleAttribute('data-folded');
    drawFold();
    (host.hasAttribute('data-folded') ? fold : button).focus();
  });
  drawFold();

  let tick: ReturnType<typeof setTimeout> | undefined;
  let announced = '';

  const render = (state: ButtonState, busy: boolean, totalSec: number | null = null, taskName = '') => {
    clearTimeout(tick);
    const running = state.kind === 'runningHere';
    host.toggleAttribute('data-running', running);
    const named = taskName ? `\u00b7 ${taskName}` : '';
    if (taskLabel.textContent !== named) taskLabel.textContent = named;
    button.setAttribute('aria-pressed', String(running));
    button.setAttribute('aria-busy', String(busy));
    label.textContent = t(running ? 'buttonStop' : 'buttonStart');
    button.title =
      state.kind === 'runningElsewhere'
        ? t('buttonSwitchTooltip', state.title || t('noTaskName'))
        : state.kind === 'notConnected'
          ? t('buttonConnectTooltip')
          : running && !state.synced
            ? t('buttonWaitingToSync')
            : '';

    let message = '';
    if (state.kind === 'problem' || state.kind === 'error') message = state.message;
    else if (running && !state.synced) message = t('buttonWaitingToSync');
    noTask.hidden = !(state.kind === 'problem' && state.offerNoTask);
    link.hidden = !(state.kind === 'problem' && state.offerNoTask);

    // Screen readers hear starts and stops (the clock itself stays silent); sighted users see the button change.
    // The news stays while the state does and text is written only when it changes: a re-render of the same
    // state (sync, totals) 10-20 ms later must neither cut the announcement short nor repeat it (issue #8).
    const news = running ? t('announceStarted') : state.kind === 'idle' && (announced === 'running' || announced === 'stopped') ? t('announceStopped') : '';
    const spoken = news && !message;
    if (msg.textContent !== (spoken ? news : message)) msg.textContent = spoken ? news : message;
    msg.className = spoken ? 'msg sr' : state.kind === 'error' || state.kind === 'problem' ? 'msg err' : 'msg';
    announced = running ? 'running' : spoken ? 'stopped' : state.kind;

    total.hidden = totalSec === null;
    total.title = t('buttonTotalTooltip');
    const drawTotal = (extraSec: number) => {
      if (totalSec !== null) total.textContent = t('buttonTotal', hoursMinutes(totalSec + extraSec));
    };
    clock.textContent = '';
    drawTotal(0);
    if (running) {
      const draw = () => {
        const elapsed = (Date.now() - state.startedAtMs) / 1000;
        clock.textContent = formatClock(elapsed);
        drawTotal(elapsed);
        // Wake at the next whole second, and not at all in a hidden tab.
        if (!document.hidden) tick = setTimeout(draw, 1000 - (Date.now() - state.startedAtMs) % 1000);
      };
      draw();
    }
  };

  return { host, render };
}
