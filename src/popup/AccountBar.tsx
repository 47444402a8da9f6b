import type { Account, TimerView } from '../shared/protocol';
import { retryLine } from '../shared/retry-line';
import { t } from './i18n';
import { useNow } from './use-now';

export function AccountBar({
  account,
  pending,
  retrying,
  onDisconnect,
}: {
  account: Account;
  pending: number;
  /** the oldest unsent write waits to be tried again: one line says why and when (issue 13) */
  retrying?: TimerView['retrying'];
  onDisconnect(): void;
}) {
  const now = useNow(retrying !== undefined);
  const who = account.displayName ? `${account.displayName} (${account.email})` : account.email;
  return (
    <header class="account">
      <span class="who">{t('accountConnectedAs', who)}</span>
      {pending > 0 ? (
        <span class="pending" title={t('pendingTooltip')}>
          {t('pendingCount', String(pending))}
        </span>
      ) : null}
      <button type="button" class="link" onClick={onDisconnect}>
        {t('accountDisconnect')}
      </button>
      {retrying && pending > 0 ? (
        <p class="retrying" role="status">
          {retryLine(retrying, now, t)}
        </p>
      ) : null}
    </header>
  );
}
