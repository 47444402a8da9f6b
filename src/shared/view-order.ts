// Views reach a page by two paths, a request's answer and the worker's pushes, and
// under load they arrive out of order: a click's answer, read before the drain
// confirmed the start, came after the drain's "synced" push and drew the timer as
// unconfirmed again (and re-announced it). Each view says when its worker read it;
// a page draws a view only if it is not older than the one it shows.

/** `worker`: one life of the worker (a new one starts counting again); `n`: its reads, in order */
export interface ViewOrder {
  worker: string;
  n: number;
}

/**
 * Whether `next` was read before `shown`. Views of another worker life are never older: the
 * previous worker is gone, so a page hears from the new one only after the old one stopped.
 */
export const readBefore = (next: ViewOrder, shown: ViewOrder | undefined): boolean =>
  !!shown && next.worker === shown.worker && next.n < shown.n;
