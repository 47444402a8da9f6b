// "Needs attention": writes TimeCamp refused for good, listed with Retry and Discard.
import { changed, startDrain } from '../../jobs';
import { drainUnderway } from '../../outbox/drain';
import { discardAttention, retryAttention } from '../../outbox/queue';
import { attentionList } from '../../outbox/attention-view';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

export const attentionHandlers = {
  'attention.list': attentionList,
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
  /**
   * "Retry now" on the popup's sync line (issue 15): the user says the connection is back,
   * so what waits is sent at once, as when the browser reports it is online again.
   */
  async 'sync.now'() {
    startDrain({ online: true });
    await drainUnderway();
    return { ok: true };
  },
} satisfies Partial<PopupHandlers>;
