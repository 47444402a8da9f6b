// One form for editing an entry and adding a manual one: note, start, end and a
// duration linked to them (typing a duration moves the end).
import { useRef, useState } from 'preact/hooks';
import type { DayEntry, EntryChange, TaskChoice } from '../shared/protocol';
import type { ManualEntry } from '../shared/protocol';
import type { Connector } from './connector';
import { TaskPicker } from './TaskPicker';
import { hoursMinutes, inputTime, parseDuration, secondsOf } from './format';
import { t } from './i18n';

type Outcome = { ok: boolean; message?: string } | null;

interface Props {
  connector: Connector;
  /** the entry being edited; absent when adding one */
  entry?: DayEntry;
  /** start and end for a new entry */
  defaults?: { start: string; end: string };
  /** the account uses the billable flag: the form offers it (issue 15) */
  billable?: boolean;
  /** 'edit-<key>' or 'new': keeps the field ids unique */
  idBase: string;
  onUpdate?(change: EntryChange): Promise<Outcome>;
  onCreate?(entry: Omit<ManualEntry, 'date'>): Promise<Outcome>;
  onClose(): void;
}

export function EntryForm({
  connector,
  entry,
  defaults,
  idBase,
  billable: offerBillable,
  onUpdate,
  onCreate,
  onClose,
}: Props) {
  const initialStart = entry ? (entry.start?.slice(0, 5) ?? '') : (defaults?.start ?? '09:00');
  const initialEnd = entry ? (entry.end?.slice(0, 5) ?? '') : (defaults?.end ?? '10:00');
  const initialDuration = entry
    ? hoursMinutes(entry.durationSec)
    : hoursMinutes(secondsOf(initialEnd) - secondsOf(initialStart));
  const [note, setNote] = useState(entry?.note ?? '');
  const [billable, setBillable] = useState(entry?.billable === true);
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(initialEnd);
  const [duration, setDuration] = useState(initialDuration);
  const [task, setTask] = useState<TaskChoice | null>(null);
  /** editing an entry: the task picker is open */
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Busy, the Save button is aria-disabled, not disabled: a disabled button loses focus in
  // Chromium, and a keyboard user who pressed Enter would be left on <body>, where Escape and
  // Tab no longer reach the form (seen when the worker's answer took more than a frame).
  const working = useRef(false);
  const hasTimes = !entry || entry.start !== null;

  const changeStart = (value: string) => {
    setStart(value);
    if (value && end) setDuration(hoursMinutes(Math.max(0, secondsOf(end) - secondsOf(value))));
  };
  const changeEnd = (value: string) => {
    setEnd(value);
    if (start && value) setDuration(hoursMinutes(Math.max(0, secondsOf(value) - secondsOf(start))));
  };
  const changeDuration = (value: string) => {
    setDuration(value);
    const seconds = parseDuration(value);
    if (seconds !== null && start) setEnd(inputTime(secondsOf(start) + seconds));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (parseDuration(duration) === null) return setError(t('popupBadDuration'));
    if (hasTimes && (!start || !end)) return setError(t('editBadTime'));
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setError('');
    let result: Outcome;
    if (entry) {
      const change: EntryChange = {};
      if (note !== entry.note) change.note = note;
      if (offerBillable && billable !== (entry.billable === true)) change.billable = billable;
      if (task && task.taskId !== entry.taskId) Object.assign(change, { taskId: task.taskId, taskName: task.name });
      if (hasTimes) {
        // Both, when either changed: what the form shows is what is saved, whatever
        // the worker's copy of the day says (it may predate an edit that just synced).
        if (start !== initialStart || end !== initialEnd) Object.assign(change, { start, end });
      } else if (duration !== initialDuration) change.durationSec = parseDuration(duration)!;
      result = Object.keys(change).length ? await onUpdate!(change) : { ok: true };
    } else {
      result = await onCreate!({ start, end, taskId: task?.taskId ?? null, taskName: task?.name ?? '', note });
    }
    working.current = false;
    setBusy(false);
    if (!result) return setError(t('popupWorkerUnreachable'));
    if (!result.ok) return setError(result.message ?? t('errorUnexpected'));
    onClose();
  };

  const id = (name: string) => `${idBase}-${name}`;
  return (
    <form
      class="entry-form"
      onSubmit={submit}
      aria-busy={busy}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault(); // close the form, not the popup
          onClose();
        }
      }}
    >
      {/* the task: chosen for a new entry; for an edited one, kept unless changed (issue 15) */}
      {entry && !picking ? (
        <p class="picked">
          <span>
            {t('popupEntryTask')}: <strong>{task?.name ?? (entry.taskName || t('noTaskName'))}</strong>
          </span>
          <button type="button" class="link" onClick={() => setPicking(true)}>
            {t('popupChangeTask')}
          </button>
        </p>
      ) : !entry && task ? (
        <p class="picked">
          <span>
            {t('popupEntryTask')}: <strong>{task.name}</strong>
          </span>
          <button type="button" class="link" onClick={() => setTask(null)}>
            {t('popupChangeTask')}
          </button>
        </p>
      ) : (
        <TaskPicker
          connector={connector}
          id={id('task')}
          label={t('popupEntryTask')}
          action={t('popupChoose')}
          onPick={(picked) => {
            setTask(picked);
            setPicking(false);
          }}
        />
      )}
      <label class="wide">
        <span>{t('popupEntryNote')}</span>
        <input
          type="text"
          value={note}
          maxLength={2000}
          autoFocus={!!entry}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
      </label>
      {entry && offerBillable ? (
        <label class="check">
          <input
            type="checkbox"
            checked={billable}
            onChange={(e) => setBillable((e.target as HTMLInputElement).checked)}
          />
          <span>{t('popupBillable')}</span>
        </label>
      ) : null}
      <div class="times">
        {hasTimes ? (
          <>
            <label>
              <span>{t('popupEntryStart')}</span>
              <input
                type="time"
                required
                value={start}
                onInput={(e) => changeStart((e.target as HTMLInputElement).value)}
              />
            </label>
            <label>
              <span>{t('popupEntryEnd')}</span>
              <input
                type="time"
                required
                value={end}
                onInput={(e) => changeEnd((e.target as HTMLInputElement).value)}
              />
            </label>
          </>
        ) : null}
        <label>
          <span>{t('popupEntryDuration')}</span>
          <input
            type="text"
            inputMode="numeric"
            class="num"
            placeholder={t('popupDurationPlaceholder')}
            value={duration}
            onInput={(e) => changeDuration((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="form-actions">
        <button type="button" onClick={onClose}>
          {t('popupCancel')}
        </button>
        <button type="submit" class="primary" aria-disabled={busy}>
          {entry ? t('popupSave') : t('popupAddEntry')}
        </button>
      </div>
    </form>
  );
}
