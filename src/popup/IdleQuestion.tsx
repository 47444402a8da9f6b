// The computer sat idle while the timer ran: the user decides what that time was.
import { t } from './i18n';
import { clockTime } from './format';
import { localTime } from '../shared/wall-clock';

export type IdleChoice = 'keep' | 'discard' | 'stop';

export function IdleQuestion({
  idle,
  onChoose,
}: {
  idle: { idleStartMs: number; idleEndMs: number };
  onChoose(choice: IdleChoice): void;
}) {
  const minutes = String(Math.round((idle.idleEndMs - idle.idleStartMs) / 60_000));
  return (
    <section class="idle-question" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text">
      <h2 id="idle-title">{t('idleTitle')}</h2>
      <p id="idle-text">{t('idleText', minutes, clockTime(localTime(idle.idleStartMs)))}</p>
      <div class="actions">
        {/* the main choice first; the destructive one is the quietest (issue 15) */}
        <button type="button" class="primary" onClick={() => onChoose('discard')}>
          {t('idleDiscard')}
        </button>
        <button type="button" onClick={() => onChoose('keep')}>
          {t('idleKeep')}
        </button>
        <button type="button" class="link" onClick={() => onChoose('stop')}>
          {t('idleStop')}
        </button>
      </div>
    </section>
  );
}
