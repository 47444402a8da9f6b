import type { TimerView } from '../../../shared/protocol';
import { changed, startDrain } from '../../jobs';
import { drainUnderway } from '../../outbox/drain';

/** Every write goes through the timer service (and so the outbox); then the drain starts and the view is pushed. */
export async function afterWrite(): Promise<TimerView> {
  // Send first: pushing the view to every tab and the badge must not delay the request
  // (the clicked button already shows the new state; other tabs see it a few ms later).
  startDrain();
  await drainUnderway();
  return changed();
}
