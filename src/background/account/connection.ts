// The one place that turns the stored token into an API client.
import { createTimeCampClient, type TimeCampClient } from '../api/client';
import { read, type AuthRecord } from '../storage/records';

export interface Connection {
  auth: AuthRecord;
  client: TimeCampClient;
}

/** `fetch` replaces the network call (the drain counts its requests in flight) */
export function clientFor(
  auth: Pick<AuthRecord, 'token' | 'apiBaseUrl'> & { account?: Pick<AuthRecord['account'], 'userId'> },
  fetch?: typeof globalThis.fetch,
): TimeCampClient {
  return createTimeCampClient({
    baseUrl: auth.apiBaseUrl,
    token: auth.token,
    clientName: 'planner-timer',
    // Known once connected: the day's entries are then asked for, and kept, by this user id.
    ...(auth.account ? { userId: auth.account.userId } : {}),
    ...(fetch ? { fetch } : {}),
  });
}

export async function connection(): Promise<Connection | null> {
  const auth = await read('auth');
  return auth ? { auth, client: clientFor(auth) } : null;
}
