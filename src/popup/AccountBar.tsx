import type { Account } from '../shared/protocol';
import { t } from './i18n';

/** Who is connected; what waits to sync is on the sync line (SyncLine.tsx) */
export function AccountBar({ account, onDisconnect }: { account: Account; onDisconnect(): void }) {
  const who = account.displayName ? `${account.displayName} (${account.email})` : account.email;
  return (
    <header class="account">
      <span class="who">{t('accountConnectedAs', who)}</span>
      <button type="button" class="link" onClick={onDisconnect}>
        {t('accountDisconnect')}
      </button>
    </header>
  );
}
