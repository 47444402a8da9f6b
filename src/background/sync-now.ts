// "Retry now" on the popup's sync line (issue 15): the user says the connection is back,
// so what waits is sent at once, as when the browser reports it is online again.
import type { Done } from '../shared/protocol';
import { kickDrain } from './lifecycle';
import { drainUnderway } from './outbox-drain';

export async function syncNow(): Promise<Done> {
  kickDrain({ online: true });
  await drainUnderway();
  return { ok: true };
}
