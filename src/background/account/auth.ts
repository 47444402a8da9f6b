// Token store. The token lives only in this extension's IndexedDB, which
// content scripts and Planner's own scripts cannot open (other origin); it is
// never sent to a content script, logged, or put in a URL.
import browser from 'webextension-polyfill';
import type { ConnectResult } from '../../shared/protocol';
import { DEFAULT_API_BASE_URL, originPattern } from '../../shared/settings';
import { isApiError } from '../api/errors';
import { readSettings } from '../storage/settings';
import { userMessage } from '../error-text';
import { clientFor } from './connection';
import { clearFor, read, write } from '../storage/records';
import { t } from '../i18n';
import { sessionToken } from '../api/session-token';
import { clipName } from '../../shared/clip-text';
import { forgetTaskTree } from '../tasks/task-tree';

/** TimeCamp API tokens are letters and digits (e.g. 87c21299960a88888888fe123) */
const TOKEN_SHAPE = /^[A-Za-z0-9]{16,128}$/;

export async function connect(rawToken: string): Promise<ConnectResult> {
  // No trim after: the first one leaves no space at the end, and \s+ takes all after "Bearer".
  const token = rawToken.trim().replace(/^Bearer\s+/i, '');
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'shape', message: t('connectBadShape') };
  // A custom TimeCamp domain (options page) is used from the next Connect on.
  const { apiBaseUrl } = await readSettings();
  if (!(await userApproved(apiBaseUrl))) return { ok: false, reason: 'failed', message: t('connectServerNotAllowed') };
  try {
    const account = await clientFor({ token, apiBaseUrl }).me();
    await forgetOtherAccount(account.userId);
    await write('auth', { token, apiBaseUrl, account });
    await write('authRejected', false);
    return { ok: true, account: shown(account) };
  } catch (e) {
    if (!isApiError(e)) return { ok: false, reason: 'failed', message: t('errorUnexpected') };
    switch (e.kind) {
      case 'unauthorized':
      case 'forbidden':
        return { ok: false, reason: 'rejected', message: t('connectRejected') };
      case 'network':
      case 'timeout':
        return { ok: false, reason: 'offline', message: t('connectOffline') };
      default:
        return { ok: false, reason: 'failed', message: userMessage(e) };
    }
  }
}

/**
 * Connect with the TimeCamp login the browser already has (issue 15): TimeCamp's web
 * app hands out the token (api/session-token.ts), then it is connected exactly as a
 * pasted one.
 */
export async function connectWithSession(): Promise<ConnectResult> {
  const { apiBaseUrl } = await readSettings();
  if (!(await userApproved(apiBaseUrl))) return { ok: false, reason: 'failed', message: t('connectServerNotAllowed') };
  const answer = await sessionToken(new URL(apiBaseUrl).origin);
  switch (answer.kind) {
    case 'token':
      return connect(answer.token);
    case 'noSession':
      return { ok: false, reason: 'noSession', message: t('connectNoSession') };
    case 'offline':
      return { ok: false, reason: 'offline', message: t('connectOffline') };
    case 'failed':
      return { ok: false, reason: 'failed', message: t('connectSessionFailed') };
  }
}

/**
 * Settings live in storage.local, which content scripts can write too. The token
 * goes only to TimeCamp itself or to a server the user approved on the options
 * page (the browser granted its host permission there, after a user gesture; a
 * content script cannot request permissions), so tampered settings cannot steer it.
 */
async function userApproved(apiBaseUrl: string): Promise<boolean> {
  try {
    if (new URL(apiBaseUrl).origin === new URL(DEFAULT_API_BASE_URL).origin) return true;
    return await browser.permissions.contains({ origins: [originPattern(apiBaseUrl)] });
  } catch {
    return false;
  }
}

/**
 * Forget the token and everything cached about the account: every store and record whose
 * rule says `clearOn: ['disconnect']` (storage/db.ts, storage/records.ts). Writes still in the
 * outbox are kept (they are the user's tracked time) and are sent only if this
 * same account connects again; another account sees them under "needs attention".
 */
export async function disconnect(): Promise<void> {
  await clearFor('disconnect');
  await forgetTaskTree(); // the copy held in memory (the stored one is cleared by its rule)
}

/**
 * Connect as another account without Disconnect first (the old token was refused): the old
 * account's cached data goes as on Disconnect, so the new one never sees its task map, tree,
 * totals or runs. The waiting Start is kept: it says whose it is (timer-service.ts replays it
 * only on that account). The outbox keeps the old account's writes (see `disconnect`).
 */
async function forgetOtherAccount(userId: string): Promise<void> {
  const before = await read('auth');
  if (!before || before.account.userId === userId) return;
  const waiting = await read('waitingStart');
  await clearFor('disconnect');
  await forgetTaskTree(); // the copy held in memory, as on Disconnect
  if (waiting) await write('waitingStart', waiting);
}

export async function currentAccount() {
  const auth = await read('auth');
  return auth && shown(auth.account);
}

/** The account as the popup shows it: names of any length cut, never a reason to refuse the answer */
function shown(account: { userId: string; email: string; displayName: string | null }) {
  return {
    userId: account.userId,
    email: clipName(account.email),
    displayName: account.displayName === null ? null : clipName(account.displayName),
  };
}
