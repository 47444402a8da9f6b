/**
 * One-click connect (issue 15): with a TimeCamp session in this browser, TimeCamp's web
 * app hands out the user's API token at GET /auth/getToken, cookies included, as the
 * official TimeCamp extension does (shared/timecamp-api/CONTRACT.md, last paragraph).
 * Answers: `{"token": "…"}`, or a `message` of `NO_SESSION` when nobody is logged in.
 * The token is only passed on to auth.connect: never stored or shown from here.
 */
import * as z from 'zod/mini';

export const DEFAULT_APP_ORIGIN = 'https://app.timecamp.com';
const TIMEOUT_MS = 15_000;

const GetTokenAnswer = z.union([
  z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9]{16,128}$/)) }),
  z.object({ message: z.string().check(z.maxLength(300)) }),
]);

export type SessionToken =
  { kind: 'token'; token: string } | { kind: 'noSession' } | { kind: 'offline' } | { kind: 'failed' };

/** `origin`: TimeCamp's web app (a custom domain's origin when the user set one) */
export async function sessionToken(
  origin = DEFAULT_APP_ORIGIN,
  fetchFn: typeof fetch = (i, init) => globalThis.fetch(i, init),
): Promise<SessionToken> {
  let body: unknown;
  try {
    const res = await fetchFn(`${origin}/auth/getToken`, {
      method: 'GET',
      credentials: 'include',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = await res.json().catch(() => null);
  } catch {
    return { kind: 'offline' };
  }
  const parsed = z.safeParse(GetTokenAnswer, body);
  if (!parsed.success) return { kind: 'failed' };
  if ('token' in parsed.data) return { kind: 'token', token: parsed.data.token };
  // NO_SESSION, or any other refusal: nobody this request can act for is logged in
  return parsed.data.message === 'NO_SESSION' ? { kind: 'noSession' } : { kind: 'failed' };
}
