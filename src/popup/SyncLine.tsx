// One line for the sync state (issue 15, item 9), instead of "waiting to sync" on the
// account, the running card and every row: what waits and a way to send it now, or when
// TimeCamp last answered.
import { localTime } from '../shared/wall-clock';
import { clockTime } from './format';
import { t } from './i18n';

interface Props {
  pending: number;
  /** the last refresh failed, or the browser says it is offline */
  offline: boolean;
  /** when TimeCamp last answered for the shown day */
  lastSyncMs: number | null;
  onRetry(): void;
}

export function SyncLine({ pending, offline, lastSyncMs, onRetry }: Props) {
  if (pending > 0) {
    const count = pending === 1 ? t('syncWaitingOne') : t('syncWaiting', String(pending));
    return (
      <p class="sync-line waiting">
        <span role="status" title={t('pendingTooltip')}>
          {offline ? t('syncOffline', count) : count}
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
