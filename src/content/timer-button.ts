// The button: a real <button> in an open shadow root, styles isolated with
// `all: initial`, every string from _locales, page text set as text only.
import { formatClock, formatHoursMinutes as hoursMinutes } from '../shared/wall-clock';
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
  /** totalSec: the user's time on this task in TimeCamp (null: unknown), the running timer added live */
  render(state: ButtonState, busy: boolean, totalSec?: number | null): void;
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
  // The clock is not part of the accessible name, which must start with the action.
  const clock = el('span', { class: 'clock', 'aria-hidden': 'true' });
  button.append(dot, label, clock);
  const msg = el('span', { class: 'msg', role: 'status', 'aria-live': 'polite' });
  const noTask = el('button', { type: 'button', class: 'alt', hidden: '' });
  noTask.textContent = t('buttonTrackWithoutTask');
  const link = el('a', { href: TIMESHEET_URL, target: '_blank', rel: 'noopener noreferrer', hidden: '' });
  link.textContent = t('buttonOpenTimesheet');
  const total = el('span', { class: 'total', hidden: '' });
  root.append(style, button, total, msg, noTask, link);

  button.addEventListener('click', onToggle);
  noTask.addEventListener('click', onNoTask);

  let tick: ReturnType<typeof setTimeout> | undefined;
  let announced = '';

  const render = (state: ButtonState, busy: boolean, totalSec: number | null = null) => {
    clearTimeout(tick);
    const running = state.kind === 'runningHere';
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
