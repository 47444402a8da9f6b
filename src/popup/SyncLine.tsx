// One line for the sync state (issue 15, item 9), instead of "waiting to sync" on the
// account, the running card and every row: what waits and a way to send it now, or when
// TimeCamp last answered.
import type { TimerView } from '../shared/protocol';
import { retryLine } from '../shared/retry-line';
import { localTime } from '../shared/wall-clock';
import { clockTime } from './format';
import { t } from './i18n';
import { useNow } from './use-now';

interface Props {
  pending: number;
  /** the last refresh failed, or the browser says it is offline */
  offline: boolean;
  /** when TimeCamp last answered for the shown day */
  lastSyncMs: number | null;
  /** the oldest unsent write waits to be tried again: why and when (issue 13) */
  retrying?: TimerView['retrying'];
  onRetry(): void;
}

export function SyncLine({ pending, offline, lastSyncMs, retrying, onRetry }: Props) {
  const now = useNow(pending > 0 && retrying !== undefined);
  if (pending > 0) {
    const count = pending === 1 ? t('syncWaitingOne') : t('syncWaiting', String(pending));
    return (
      <p class="sync-line waiting">
        <span role="status" title={t('pendingTooltip')}>
          {offline ? t('syncOffline', count) : count}
          {retrying ? <span class="retrying"> · {retryLine(retrying, now, t)}</span> : null}
        </span>
        <span aria-hidden="true"> · </span>
        <button type="button" class="link" onClick={onRetry}>
          {t('syncRetryNow')}
        </button>
      </p>
    );
  }
  return (
    <p class="sync-line" role="status">
      {lastSyncMs ? t('syncLast', clockTime(localTime(lastSyncMs))) : ''}
    </p>
  );
}
