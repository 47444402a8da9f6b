import type { Account } from '../shared/protocol';
import { t } from './i18n';

export function AccountBar({
  account,
  pending,
  onDisconnect,
}: {
  account: Account;
  pending: number;
  onDisconnect(): void;
}) {
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
    </header>
  );
}
