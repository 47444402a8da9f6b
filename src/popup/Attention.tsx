// Writes TimeCamp refused for good: say what and why, offer Retry / Discard.
import type { AttentionView } from '../shared/protocol';
import { t } from './i18n';

interface Props {
  items: AttentionView[];
  onRetry(seq: number): void;
  onDiscard(seq: number): void;
}

export function Attention({ items, onRetry, onDiscard }: Props) {
  if (!items.length) return null;
  return (
    <section class="attention" aria-labelledby="attention-title">
      <h2 id="attention-title">{t('popupAttentionTitle')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.seq}>
            <span class="what">
              <span class="name">{item.summary}</span>
              <span class="note">{item.reason}</span>
            </span>
            <span class="row-actions">
              <button type="button" onClick={() => onRetry(item.seq)} aria-label={t('popupRetryItem', item.summary)}>
                {t('popupRetry')}
              </button>
              <button
                type="button"
                onClick={() => onDiscard(item.seq)}
                aria-label={t('popupDiscardItem', item.summary)}
              >
                {t('popupDiscard')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
