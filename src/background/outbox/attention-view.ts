// "Needs attention" items as the popup lists them: what the action was, in words.
import type { AttentionView } from '../../shared/protocol';
import type { StoredAttention } from './queue';
import { t } from '../i18n';

function summary(item: StoredAttention): string {
  const first = item.actions[0];
  if (!first) return t('attentionCorrupt');
  switch (first.kind) {
    case 'start': {
      const stop = item.actions.find((a) => a.kind === 'stop');
      const from = first.at.wall.slice(11, 16);
      return stop?.kind === 'stop'
        ? t(
            'attentionRun',
            first.task.title || t('noTaskName'),
            `${first.at.wall.slice(0, 16)}–${stop.at.wall.slice(11, 16)}`,
          )
        : t('attentionStart', first.task.title || t('noTaskName'), `${first.at.wall.slice(0, 10)} ${from}`);
    }
    case 'stop':
      return t('attentionStop', first.at.wall.slice(0, 16));
    case 'note':
      return t('attentionNote', first.note);
    case 'createEntry':
      return t('attentionEntry', `${first.start.wall.slice(0, 16)}–${first.end.wall.slice(11, 16)}`, first.note);
    case 'updateEntry':
      return t('attentionEdit');
    case 'deleteEntry':
      return t('attentionDelete');
  }
}

export function attentionView(item: StoredAttention): AttentionView {
  return {
    seq: item.seq,
    summary: summary(item).slice(0, 2000),
    reason: item.reason.slice(0, 2000),
    atMs: Math.max(0, Math.round(item.atMs)),
  };
}
