// The button: a real <button> in an open shadow root, styles isolated with
// `all: initial`, every string from _locales, page text set as text only.
import { formatClock, formatHoursMinutes as hoursMinutes } from '../shared/wall-clock';
import { t } from './extension-api';

export type ButtonState =
  | { kind: 'notConnected' }
  /** this task's click waits while the popup asks for the token */
  | { kind: 'waitingConnection' }
  | { kind: 'idle' }
  | { kind: 'runningHere'; startedAtMs: number; synced: boolean }
  | { kind: 'runningElsewhere'; title: string; startedAtMs: number }
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
:host{all:initial;position:relative;display:inline-flex;align-items:center;gap:8px;margin:4px 8px;vertical-align:middle;font:500 13px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
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
button.switch{color:${GREEN};background:#fff;border:1px solid ${GREEN};padding:5px 11px}
.other{color:#5f6368;font-size:12px;max-width:240px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-variant-numeric:tabular-nums}
.callout{display:contents}
.callout.open{position:absolute;top:calc(100% + 4px);left:0;z-index:2147483646;display:grid;grid-template-columns:1fr auto;gap:4px 8px;align-items:start;width:max-content;max-width:min(360px,calc(100vw - 32px));padding:8px 10px;background:#fff;border:1px solid #f3c5c0;border-radius:8px;box-shadow:0 2px 10px rgba(0,0,0,.18);white-space:normal}
:host([data-corner^=b]) .callout.open{top:auto;bottom:calc(100% + 4px)}
.callout.open .msg{max-width:none;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.acts{display:none;grid-column:1;gap:10px;align-items:center}.callout.open .acts{display:flex}
.close{display:none}.close::before{content:"\\00d7"}.callout.open .close{display:inline;grid-column:2;grid-row:1;color:#5f6368;cursor:pointer;padding:0 2px;font:600 14px/1 system-ui,sans-serif}
[hidden]{display:none!important}
.task,.fold{display:none}
:host([data-timecamp-placement=docked]){position:fixed;z-index:2147483646;margin:0;padding:6px 8px;max-width:min(440px,calc(100vw - 48px));flex-wrap:wrap;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(0,0,0,.28)}
:host([data-corner=br]){right:16px;bottom:16px}:host([data-corner=bl]){left:16px;bottom:16px}
:host([data-corner=tr]){right:16px;top:16px}:host([data-corner=tl]){left:16px;top:16px}
:host([data-timecamp-placement=docked]) .task{display:inline;max-width:200px;overflow:hidden;text-overflow:ellipsis;font-weight:400}
button.fold,button.close{background:none;color:#5f6368;padding:0;border-radius:50%}
:host([data-timecamp-placement=docked]) .fold{display:inline-flex;align-items:center;justify-content:center;width:24px;height:24px;font:600 16px/1 system-ui,sans-serif}
button.fold:hover,button.close:hover{background:#f1f3f4}
.fold:focus-visible{outline:2px solid #1a73e8;outline-offset:1px}
.fold[aria-expanded=true]::before{content:"\\2013"}
:host([data-folded]){padding:4px}
:host([data-folded]) > :not(.fold):not(style){display:none!important}
:host([data-folded]) button.fold{background:${GREEN};color:#fff}:host([data-folded][data-running]) button.fold{background:${RED}}
`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** TimeCamp's timesheet, where "Force synchronization" imports new Planner tasks now */
const TIMESHEET_URL = 'https://app.timecamp.com/app#/timesheets/timer';

export function createTimerButton(
  onToggle: () => void,
  onNoTask: () => void,
  onDismiss: () => void = () => undefined,
): TimerButton {
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
  const close = el('button', {
    type: 'button',
    class: 'close',
    'aria-label': t('buttonDismiss'),
    title: t('buttonDismiss'),
  });
  // Problems and errors open as a callout over the page, under the button: the host keeps the
  // button's own size, so Planner's header never reflows or wraps (issue 15). Other messages
  // (waiting to sync, screen-reader news) stay inline.
  const callout = el('span', { class: 'callout' });
  const acts = el('span', { class: 'acts' });
  acts.append(noTask, link);
  callout.append(msg, acts, close);
  // Running on another task: which one, and for how long, beside "Switch timer here".
  const other = el('span', { class: 'other', hidden: '' });
  const total = el('span', { class: 'total', hidden: '' });
  // Docked only: fold the button to a dot, so it never hides Planner's own controls for long.
  const fold = el('button', { type: 'button', class: 'fold', 'aria-expanded': 'true' });
  root.append(style, button, other, total, callout, fold);

  button.addEventListener('click', onToggle);
  noTask.addEventListener('click', onNoTask);
  close.addEventListener('click', () => {
    callout.className = 'callout';
    msg.textContent = '';
    onDismiss();
    button.focus();
  });
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
    const elsewhere = state.kind === 'runningElsewhere';
    button.setAttribute('aria-pressed', String(running));
    button.setAttribute('aria-busy', String(busy || state.kind === 'waitingConnection'));
    button.className = elsewhere ? 'switch' : '';
    label.textContent = t(
      running
        ? 'buttonStop'
        : elsewhere
          ? 'buttonSwitchHere'
          : state.kind === 'waitingConnection'
            ? 'buttonWaitingConnection'
            : 'buttonStart',
    );
    button.title = elsewhere
      ? t('buttonSwitchTooltip', state.title || t('noTaskName'))
      : state.kind === 'notConnected' || state.kind === 'waitingConnection'
        ? t('buttonConnectTooltip')
        : running && !state.synced
          ? t('buttonWaitingToSync')
          : '';

    let message = '';
    if (state.kind === 'problem' || state.kind === 'error') message = state.message;
    else if (running && !state.synced) message = t('buttonWaitingToSync');
    noTask.hidden = !(state.kind === 'problem' && state.offerNoTask);
    link.hidden = !(state.kind === 'problem' && state.offerNoTask);
    const open = state.kind === 'problem' || state.kind === 'error';
    callout.className = open ? 'callout open' : 'callout';
    if (open) msg.title = message;
    else msg.removeAttribute('title');

    // Screen readers hear starts and stops (the clock itself stays silent); sighted users see the button change.
    // The news stays while the state does and text is written only when it changes: a re-render of the same
    // state (sync, totals) 10-20 ms later must neither cut the announcement short nor repeat it (issue #8).
    const news = running
      ? t('announceStarted')
      : state.kind === 'idle' && (announced === 'running' || announced === 'stopped')
        ? t('announceStopped')
        : '';
    const spoken = news && !message;
    if (msg.textContent !== (spoken ? news : message)) msg.textContent = spoken ? news : message;
    msg.className = spoken ? 'msg sr' : state.kind === 'error' || state.kind === 'problem' ? 'msg err' : 'msg';
    announced = running ? 'running' : spoken ? 'stopped' : state.kind;

    // "0:00 on this task" says nothing; a total shows once there is one, or while this task runs.
    total.hidden = totalSec === null || (totalSec === 0 && !running);
    total.title = t('buttonTotalTooltip');
    other.hidden = !elsewhere;
    const drawTotal = (extraSec: number) => {
      if (totalSec !== null) total.textContent = t('buttonTotal', hoursMinutes(totalSec + extraSec));
    };
    clock.textContent = '';
    drawTotal(0);
    if (running || elsewhere) {
      const draw = () => {
        const elapsed = (Date.now() - state.startedAtMs) / 1000;
        if (running) {
          clock.textContent = formatClock(elapsed);
          drawTotal(elapsed);
        } else
          other.textContent = t(
            'buttonRunningOther',
            `${state.title || t('noTaskName')} \u00b7 ${formatClock(elapsed)}`,
          );
        // Wake at the next whole second, and not at all in a hidden tab.
        if (!document.hidden) tick = setTimeout(draw, 1000 - ((Date.now() - state.startedAtMs) % 1000));
      };
      draw();
    }
  };

  return { host, render };
}
