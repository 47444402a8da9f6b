// "Needs attention": writes TimeCamp refused for good, listed with Retry and Discard.
import { changed } from '../../jobs';
import { attentionItems, discardAttention, retryAttention } from '../../outbox/queue';
import { attentionView } from '../../outbox/attention-view';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

export const attentionHandlers = {
  'attention.list': async () => (await attentionItems()).map(attentionView),
  async 'attention.retry'(request) {
    await retryAttention(request.seq);
    await afterWrite();
    return { ok: true };
  },
  async 'attention.discard'(request) {
    await discardAttention(request.seq);
    await changed();
    return { ok: true };
  },
} satisfies Partial<PopupHandlers>;
