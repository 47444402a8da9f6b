// Find a TimeCamp task: recent tasks while the field is empty, the worker's search
// (Planner tasks first, already ranked) as the user types.
import { useEffect, useState } from 'preact/hooks';
import type { TaskChoice } from '../shared/protocol';
import type { Connector } from './connector';
import { Crumbs } from './Crumbs';
import { t } from './i18n';

const SEARCH_DELAY_MS = 200;
/** recent tasks shown before "more": three one-line rows keep the list under ~120 px */
const RECENT_SHOWN = 3;

interface Props {
  connector: Connector;
  id: string;
  label: string;
  /** text of each result's button, e.g. "Start" */
  action: string;
  /** changes when the days the recent tasks come from were refreshed */
  recentKey?: number | null;
  onPick(task: TaskChoice): void;
}

export function TaskPicker({ connector, id, label, action, recentKey, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<TaskChoice[]>([]);
  const [found, setFound] = useState<TaskChoice[] | null>(null);

  useEffect(() => {
    void connector.recentTasks().then((tasks) => setRecent(tasks ?? []));
  }, [connector, recentKey]);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    let current = true;
    const timer = setTimeout(
      () => void connector.searchTasks(q).then((tasks) => current && setFound(tasks ?? [])),
      SEARCH_DELAY_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, connector]);

  const [allRecent, setAllRecent] = useState(false);
  // Recent tasks take little room: the first few, one line each, the rest on request (issue 15)
  const list = found ?? (allRecent ? recent : recent.slice(0, RECENT_SHOWN));
  const heading = found
    ? found.length
      ? t('popupSearchResults')
      : t('popupSearchNone')
    : recent.length
      ? t('popupRecentTasks')
      : '';
  return (
    <div class="picker">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        autocomplete="off"
        placeholder={t('popupSearchPlaceholder')}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {heading ? (
        <p class="picker-heading" aria-live="polite">
          {heading}
        </p>
      ) : null}
      {list.length ? (
        <ul class={found ? 'choices' : 'choices compact'}>
          {list.map((task) => (
            <li key={task.taskId}>
              {/* The name holds all the visible text, crumbs too (WCAG 2.5.3 label in name; tells same-named tasks apart), issue #8 */}
              <button
                type="button"
                class="choice"
                onClick={() => onPick(task)}
                aria-label={[
                  t('popupPickTask', action, task.name),
                  ...(task.path.length ? [task.path.join(' › ')] : []),
                ].join(' — ')}
              >
                <span class="choice-name">{task.name}</span> <Crumbs parts={task.path} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!found && !allRecent && recent.length > RECENT_SHOWN ? (
        <button type="button" class="link more" onClick={() => setAllRecent(true)}>
          {t('popupMoreRecent', String(recent.length - RECENT_SHOWN))}
        </button>
      ) : null}
    </div>
  );
}
