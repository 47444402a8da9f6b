// The one place that turns the stored token into an API client.
import { createTimeCampClient, type TimeCampClient } from './api/client';
import { read, type AuthRecord } from './stored';

export interface Connection {
  auth: AuthRecord;
  client: TimeCampClient;
}

export function clientFor(auth: Pick<AuthRecord, 'token' | 'apiBaseUrl'>): TimeCampClient {
  return createTimeCampClient({ baseUrl: auth.apiBaseUrl, token: auth.token, clientName: 'planner-timer' });
}

export async function connection(): Promise<Connection | null> {
  const auth = await read('auth');
  return auth ? { auth, client: clientFor(auth) } : null;
}
