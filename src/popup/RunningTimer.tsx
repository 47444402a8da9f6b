// The top of the popup: what runs now (task, breadcrumb, editable note, live clock,
// Stop), or a way to start a timer on a recent or searched task.
import { useEffect, useState } from 'preact/hooks';
import type { TaskChoice, TimerView } from '../shared/protocol';
import type { Connector } from './connector';
import { TaskPicker } from './TaskPicker';
import { Crumbs } from './Crumbs';
import { clock } from './format';
import { useNow } from './use-now';
import { t } from './i18n';

interface Props {
  view: TimerView;
  connector: Connector;
  onStop(): void;
  onStart(task: TaskChoice): void;
  onNote(note: string): void;
  /** when today's entries were last fetched: recent tasks are read again after */
  recentKey?: number | null;
}

export function RunningTimer({ view, connector, onStop, onStart, onNote, recentKey }: Props) {
  const running = view.running;
  const now = useNow(running !== null);

  if (!running)
    return (
      <section class="timer idle" aria-labelledby="timer-idle">
        <p id="timer-idle" class="timer-idle">
          {t('popupNoTimer')}
        </p>
        <TaskPicker
          connector={connector}
          id="start-search"
          label={t('popupStartLabel')}
          action={t('buttonStart')}
          recentKey={recentKey}
          onPick={onStart}
        />
      </section>
    );

  return (
    <section class="timer running" aria-label={t('popupRunningLabel')}>
      <div class="timer-head">
        <span class="dot" aria-hidden="true" />
        <div class="task">
          {/* two lines for the title; the breadcrumb's last parts (the project, the list) stay visible, the first ones shrink (issue 15) */}
          <strong class="title" title={running.title}>
            {running.title || t('noTaskName')}
          </strong>
          <Crumbs parts={running.breadcrumb} />
        </div>
        <div class="timer-side">
          <span class="clock" role="timer" aria-label={t('popupElapsedLabel')}>
            {clock((now - running.startedAtMs) / 1000)}
          </span>
          <button type="button" class="stop" onClick={onStop}>
            {t('popupStop')}
          </button>
        </div>
      </div>
      <NoteField note={running.note} onSave={onNote} />
      {/* not confirmed yet: said once, on the sync line; here only for screen readers */}
      {!running.synced ? <small class="sr">{t('buttonWaitingToSync')}</small> : null}
    </section>
  );
}

/** The running timer's note, saved on Enter or when the field loses focus */
function NoteField({ note, onSave }: { note: string; onSave(note: string): void }) {
  const [text, setText] = useState(note);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(note);
  }, [note, editing]);
  const save = () => {
    setEditing(false);
    if (text !== note) onSave(text);
  };
  return (
    <input
      class="note-field"
      type="text"
      aria-label={t('popupTimerNoteLabel')}
      placeholder={t('popupTimerNotePlaceholder')}
      value={text}
      maxLength={2000}
      onFocus={() => setEditing(true)}
      onInput={(e) => setText((e.target as HTMLInputElement).value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape' && text !== note) {
          e.preventDefault(); // keep the popup open: Escape only undoes the typing
          setText(note);
        }
      }}
    />
  );
}
