import { useEffect, useState } from 'preact/hooks';
import type { TimerView } from '../shared/protocol';
import { formatClock } from '../shared/wall-clock';
import { t } from './i18n';

export function RunningTimer({ view, onStop }: { view: TimerView; onStop(): void }) {
  const running = view.running;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [running?.startedAtMs]);

  if (!running) return <section class="timer idle"><p>{t('popupNoTimer')}</p></section>;
  return (
    <section class="timer running" aria-label={t('popupRunningLabel')}>
      <div class="task">
        <strong>{running.title || t('noTaskName')}</strong>
        {running.breadcrumb.length ? <small>{running.breadcrumb.join(' / ')}</small> : null}
        {!running.synced ? <small class="unsynced">{t('buttonWaitingToSync')}</small> : null}
      </div>
      <span class="clock" role="timer">{formatClock((now - running.startedAtMs) / 1000)}</span>
      <button type="button" class="stop" onClick={onStop}>{t('buttonStop')}</button>
    </section>
  );
}
