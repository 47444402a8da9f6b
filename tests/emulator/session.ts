// One-click connect (issue 15): TimeCamp's web app hands the logged-in user's API token
// to GET /auth/getToken when the request carries the browser's session cookie, and
// answers `{"message":"NO_SESSION"}` otherwise (CONTRACT.md; the official TimeCamp
// extension's ApiService.obtainNewToken). Here the session cookie names a seed user.
import { USERS } from './seed';

export const GET_TOKEN_PATH = '/auth/getToken';
/** the cookie a test sets on app.timecamp.com to play "logged in to TimeCamp" */
export const SESSION_COOKIE = 'timecamp_session';
export const sessionIdFor = (userId: string) => `emulated-session-${userId}`;

export function getTokenAnswer(cookieHeader: string | undefined): { status: number; body: unknown } {
  const cookies = new Map(
    (cookieHeader ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2)
      .map(([k, v]) => [k, decodeURIComponent(v)]),
  );
  const session = cookies.get(SESSION_COOKIE);
  const user = USERS.find((u) => sessionIdFor(u.userId) === session);
  return user ? { status: 200, body: { token: user.token } } : { status: 200, body: { message: 'NO_SESSION' } };
}
