// The day's entries: day navigation, total (with the running timer), the link to
// TimeCamp's timesheet of that day, small edits, delete with undo, manual entries.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DayEntry, DaySheet, EntryRef, RunningTimer } from '../shared/protocol';
import { localDate, localTime } from '../shared/wall-clock';
import type { Connector } from './connector';
import { EntryForm } from './EntryForm';
import { clockTime, dayLabel, hoursMinutes, inputTime, secondsOf } from './format';
import { useNow } from './use-now';
import { t } from './i18n';

/** How long the popup offers Undo after a delete: the worker holds the delete 5 s */
const UNDO_WINDOW_MS = 4_500;

const refKey = (ref: EntryRef) => ('entryId' in ref ? `e${ref.entryId}` : `r${ref.runId}`);

interface Props {
  connector: Connector;
  sheet: DaySheet;
  today: string;
  running: RunningTimer | null;
  refreshing: boolean;
  /** the last refresh failed or took too long: another one is coming */
  retrying: boolean;
  onDate(date: string): void;
  /** re-read the day (after a write: the outbox overlay shows it at once) */
  onChanged(): void;
}

export function Timesheet({ connector, sheet, today, running, refreshing, retrying, onDate, onChanged }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [undoUntil, setUndoUntil] = useState<Record<string, number>>({});
  const [message, setMessage] = useState('');
  const runningToday = running && localDate(running.startedAtMs) === sheet.date ? running : null;
  const now = useNow(runningToday !== null || Object.keys(undoUntil).length > 0);
  const total =
    sheet.entries.reduce((sum, e) => sum + (e.deleting ? 0 : e.durationSec), 0) +
    (runningToday ? Math.max(0, (now - runningToday.startedAtMs) / 1000) : 0);

  // Forget undo offers once their window closed
  useEffect(() => {
    const open = Object.entries(undoUntil).filter(([, until]) => until > now);
    if (open.length !== Object.keys(undoUntil).length) setUndoUntil(Object.fromEntries(open));
  }, [now, undoUntil]);

  const remove = async (entry: DayEntry) => {
    setMessage('');
    const result = await connector.deleteEntry(entry.ref);
    if (!result?.ok) return setMessage(result?.message ?? t('popupWorkerUnreachable'));
    setUndoUntil((u) => ({ ...u, [refKey(entry.ref)]: Date.now() + UNDO_WINDOW_MS }));
    setMessage(t('popupDeletedAnnounce'));
    onChanged();
  };
  const undo = async (entry: DayEntry) => {
    const result = await connector.undoDelete(entry.ref);
    setUndoUntil(({ [refKey(entry.ref)]: _gone, ...rest }) => rest);
    setMessage(result?.ok ? t('popupRestoredAnnounce') : (result?.message ?? t('popupWorkerUnreachable')));
    onChanged();
  };

  const last = sheet.entries.filter((e) => e.end).at(-1);
  const newStart = last?.end
    ? last.end.slice(0, 5)
    : sheet.date === today
      ? inputTime(secondsOf(localTime(Date.now())) - 3600)
      : '09:00';
  const newEnd = inputTime(
    Math.min(secondsOf(newStart) + 3600, sheet.date === today ? secondsOf(localTime(Date.now())) : 86_399),
  );

  return (
    <section class="day" aria-labelledby="day-title">
      <div class="day-head">
        <button
          type="button"
          class="icon"
          aria-label={t('popupPreviousDay')}
          title={t('popupPreviousDay')}
          onClick={() => onDate(shift(sheet.date, -1))}
        >
          ‹
        </button>
        <h2 id="day-title">{sheet.date === today ? t('popupToday', dayLabel(sheet.date)) : dayLabel(sheet.date)}</h2>
        <button
          type="button"
          class="icon"
          aria-label={t('popupNextDay')}
          title={t('popupNextDay')}
          disabled={sheet.date >= today}
          onClick={() => onDate(shift(sheet.date, 1))}
        >
          ›
        </button>
        <span class="total" aria-label={t('popupTotalLabel', hoursMinutes(total))}>
          <small aria-hidden="true">{t('popupTotal')}</small> {hoursMinutes(total)}
        </span>
      </div>
      <div class="day-status">
        <a href={sheet.timesheetUrl} target="_blank" rel="noopener noreferrer">
          {t('popupOpenTimesheet')}
        </a>
        <span class={sheet.error || retrying ? 'sync-error' : 'sync-state'} role="status">
          {sheet.error
            ? t('popupRefreshRetrying', sheet.error)
            : retrying
              ? t('popupRefreshRetryingNoReason')
              : refreshing
                ? t('popupRefreshing')
                : ''}
        </span>
      </div>
      {sheet.entries.length === 0 && !runningToday ? (
        <p class="empty">{sheet.fetchedAtMs === null && (refreshing || retrying) ? '' : t('popupNoEntries')}</p>
      ) : null}
      <ul class="entries">
        {sheet.entries.map((entry) => {
          const key = refKey(entry.ref);
          if (editing === key)
            return (
              <li key={key} class="entry editing">
                <p class="form-title">{entry.taskName || t('noTaskName')}</p>
                <EntryForm
                  connector={connector}
                  entry={entry}
                  idBase={`edit-${key}`}
                  onClose={() => setEditing(null)}
                  onUpdate={async (change) => {
                    const result = await connector.updateEntry(entry.ref, sheet.date, change);
                    if (result?.ok) onChanged();
                    return result;
                  }}
                />
              </li>
            );
          return (
            <EntryRow
              key={key}
              entry={entry}
              undoable={(undoUntil[key] ?? 0) > now}
              onEdit={() => setEditing(key)}
              onDelete={() => remove(entry)}
              onUndo={() => undo(entry)}
            />
          );
        })}
        {runningToday ? (
          <li class="entry running-row">
            <span class="when num">
              <span>{clockTime(localTime(runningToday.startedAtMs))}</span>
              <span class="sr"> – </span>
              <span class="now-label">{t('popupNow')}</span>
            </span>
            <span class="what">
              <span class="name">{runningToday.title || t('noTaskName')}</span>
              {runningToday.note ? <span class="note">{runningToday.note}</span> : null}
            </span>
            <span class="dur num">{hoursMinutes((now - runningToday.startedAtMs) / 1000)}</span>
            <span class="row-actions" />
          </li>
        ) : null}
      </ul>
      <p class="announce" role="status">
        {message}
      </p>
      {adding ? (
        <div class="entry editing">
          <p class="form-title">{t('popupNewEntry')}</p>
          <EntryForm
            connector={connector}
            idBase="new"
            defaults={{ start: newStart, end: newEnd }}
            onClose={() => setAdding(false)}
            onCreate={async (entry) => {
              const result = await connector.createEntry({ date: sheet.date, ...entry });
              if (result?.ok) onChanged();
              return result;
            }}
          />
        </div>
      ) : (
        <button type="button" class="add" onClick={() => setAdding(true)}>
          {t('popupAddEntryButton')}
        </button>
      )}
    </section>
  );
}

function shift(date: string, days: number): string {
  const [y = 2000, m = 1, d = 1] = date.split('-').map(Number);
  return localDate(new Date(y, m - 1, d + days).getTime());
}

interface RowProps {
  entry: DayEntry;
  undoable: boolean;
  onEdit(): void;
  onDelete(): void;
  onUndo(): void;
}

function EntryRow({ entry, undoable, onEdit, onDelete, onUndo }: RowProps) {
  const name = entry.taskName || t('noTaskName');
  const undoButton = useRef<HTMLButtonElement>(null);
  const offerUndo = undoable && entry.deleting;
  useEffect(() => {
    if (offerUndo) undoButton.current?.focus(); // the Delete button is gone: keep keyboard focus nearby
  }, [offerUndo]);

  if (entry.deleting)
    return (
      <li class="entry deleting">
        <span class="when num">{entry.start ? clockTime(entry.start) : ''}</span>
        <span class="what">
          <span class="name">{t('popupDeleted', name)}</span>
        </span>
        {undoable ? (
          <button ref={undoButton} type="button" class="undo" onClick={onUndo}>
            {t('popupUndo')}
          </button>
        ) : (
          <small class="unsynced">{t('buttonWaitingToSync')}</small>
        )}
      </li>
    );

  return (
    <li class={`entry${entry.pending ? ' pending' : ''}`}>
      <span class="when num">
        {entry.start ? <span>{clockTime(entry.start)}</span> : null}
        {entry.start && entry.end ? <span class="sr"> – </span> : null}
        {entry.end ? <span>{clockTime(entry.end)}</span> : null}
      </span>
      <span class="what">
        <span class="name">{name}</span>
        {entry.note ? <span class="note">{entry.note}</span> : null}
        {entry.pending ? <small class="unsynced">{t('buttonWaitingToSync')}</small> : null}
      </span>
      <span class="dur num">{hoursMinutes(entry.durationSec)}</span>
      <span class="row-actions">
        <button
          type="button"
          class="icon"
          aria-label={t('popupEditEntry', name)}
          title={t('popupEdit')}
          onClick={onEdit}
        >
          ✎
        </button>
        <button
          type="button"
          class="icon danger"
          aria-label={t('popupDeleteEntry', name)}
          title={t('popupDelete')}
          onClick={onDelete}
        >
          ✕
        </button>
      </span>
    </li>
  );
}
