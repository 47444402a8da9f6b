// Views reach a page by two paths, a request's answer and the worker's pushes, and
// under load they arrive out of order: a click's answer, read before the drain
// confirmed the start, came after the drain's "synced" push and drew the timer as
// unconfirmed again (and re-announced it). Each view says when its worker read it
// (`order`: one life of the worker, and its reads in order); a page draws a view
// only if it is not older than the one it shows.
import type { ViewOrder } from './protocol';

/**
 * Whether `next` was read before `shown`. Of views in the order they arrived, one from another
 * worker life is never older: the previous worker is gone, so a page hears from the new one
 * only after the old one stopped.
 */
export const readBefore = (next: ViewOrder, shown: ViewOrder): boolean =>
  next.worker === shown.worker && next.n < shown.n;
