// One-click connect (issue 15): GET /auth/getToken with the browser's cookies; the answer
// is read with a schema, and the emulator answers both ways (session cookie / NO_SESSION).
import { describe, expect, it, vi } from 'vitest';
import { sessionToken } from '../../../../src/background/api/session-token';
import { SESSION_COOKIE, getTokenAnswer, sessionIdFor } from '../../../emulator/session';
import { DEMO_USER } from '../../../fixtures/planner-seed';

const answering = (body: unknown, status = 200) =>
  vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
  );

describe('sessionToken', () => {
  it('asks TimeCamp web app with cookies, for JSON, and reads the token', async () => {
    const fetchFn = answering({ token: '5f3e9c1a7b2d4e6f8a0b1c2d3e' });
    expect(await sessionToken('https://app.timecamp.com', fetchFn)).toEqual({
      kind: 'token',
      token: '5f3e9c1a7b2d4e6f8a0b1c2d3e',
    });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('https://app.timecamp.com/auth/getToken');
    expect(init).toMatchObject({ method: 'GET', credentials: 'include', headers: { Accept: 'application/json' } });
  });

  it('asks app.timecamp.com when the user set no TimeCamp server of their own', async () => {
    const fetchFn = answering({ message: 'NO_SESSION' });
    await sessionToken(undefined, fetchFn);
    expect(fetchFn.mock.calls[0]![0]).toBe('https://app.timecamp.com/auth/getToken');
  });

  it('takes only a whole token: nothing before or after its letters and digits', async () => {
    for (const token of ['x!5f3e9c1a7b2d4e6f8a0b1c2d3e', '5f3e9c1a7b2d4e6f8a0b1c2d3e <script>'])
      expect(await sessionToken(undefined, answering({ token })), token).toEqual({ kind: 'failed' });
  });

  it('NO_SESSION, an odd answer and no network are told apart', async () => {
    expect(await sessionToken(undefined, answering({ message: 'NO_SESSION' }))).toEqual({ kind: 'noSession' });
    expect(await sessionToken(undefined, answering('<html>login</html>'))).toEqual({ kind: 'failed' });
    expect(await sessionToken(undefined, answering({ token: 'not a token!' }))).toEqual({ kind: 'failed' });
    expect(
      await sessionToken(
        undefined,
        vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
      ),
    ).toEqual({ kind: 'offline' });
  });
});

describe('emulator: GET /auth/getToken', () => {
  it('answers the token for a session cookie, NO_SESSION otherwise', () => {
    expect(getTokenAnswer(`a=b; ${SESSION_COOKIE}=${sessionIdFor(DEMO_USER.userId)}`).body).toEqual({
      token: DEMO_USER.token,
    });
    expect(getTokenAnswer(undefined).body).toEqual({ message: 'NO_SESSION' });
    expect(getTokenAnswer(`${SESSION_COOKIE}=forged`).body).toEqual({ message: 'NO_SESSION' });
  });
});
