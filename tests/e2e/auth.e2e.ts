// Token authorization in the popup (issue #2): connect, reject, offline, disconnect, worker kill.
import { describe, expect, test } from 'vitest';
import { useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';
import { SESSION_COOKIE, sessionIdFor } from '../emulator/session';

const h = useHarness({ beforeEachTest: (h) => h.emulator.reset() });

describe('popup token authorization', () => {
  test('a wrong token is rejected and nothing is stored', async () => {
    const popup = await h.popup();
    await popup.getByLabel('API token').fill('ffffffffffffffffffffffffff');
    await popup.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => popup.locator('#token-error').textContent())
      .toContain('TimeCamp did not accept this token');
    await popup.reload();
    await popup.getByLabel('API token').waitFor({ timeout: 5000 });
    await expect(popup.locator('.account').count()).resolves.toBe(0);
    await popup.close();
  });

  test('the demo token connects, shows the account, survives a worker kill, and Disconnect forgets it', async () => {
    await h.connect();
    const popup = await h.popup();
    await expect
      .poll(() => popup.locator('.account').textContent())
      .toContain(`Connected as ${DEMO_USER.displayName} (${DEMO_USER.email})`);

    await h.killWorker();
    await popup.reload();
    await expect.poll(() => popup.locator('.account').textContent(), { timeout: 10_000 }).toContain('Connected as');

    await popup.getByRole('button', { name: 'Disconnect' }).click();
    await popup.getByLabel('API token').waitFor();
    await popup.reload();
    await popup.getByLabel('API token').waitFor({ timeout: 5000 });
    await expect(popup.locator('.account').count()).resolves.toBe(0);
    await popup.close();
  });

  test('no network: a clear offline message, and what was typed is kept', async () => {
    const popup = await h.popup();
    await h.emulator.setFaults({ refuseConnections: true });
    await popup.getByLabel('API token').fill(DEMO_USER.token);
    await popup.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => popup.locator('#token-error').textContent()).toContain("Can't reach TimeCamp");
    await expect(popup.getByLabel('API token').inputValue()).resolves.toBe(DEMO_USER.token);
    await h.emulator.clearFaults();
    await popup.close();
  });

  // Issue 15: one click when the browser is logged in to TimeCamp (GET /auth/getToken with its cookies)
  test('one-click connect without a TimeCamp session: says so and links the login; the token form stays', async () => {
    await h.context.clearCookies();
    const popup = await h.popup();
    await popup.getByRole('button', { name: 'Connect with your TimeCamp login' }).click();
    await expect.poll(() => popup.locator('#session-error').textContent()).toContain('not logged in to TimeCamp');
    expect(await popup.locator('#session-error a').getAttribute('href')).toBe('https://app.timecamp.com/auth/login');
    await popup.getByLabel('API token').waitFor();
    expect(await popup.locator('.account').count()).toBe(0);
    await popup.close();
  });

  test('one-click connect with a TimeCamp session: connected, no token typed, then a hint', async () => {
    // SameSite=None: Chromium 156 does not attach a Lax cookie to the service worker's fetch
    // (checked 2026-12-02), so one click works when TimeCamp's session cookie is None, as the
    // official TimeCamp extension's same request needs; otherwise the user is told to paste the token.
    await h.context.addCookies([
      {
        name: SESSION_COOKIE,
        value: sessionIdFor(DEMO_USER.userId),
        domain: 'app.timecamp.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
      },
    ]);
    const popup = await h.popup();
    await popup.getByRole('button', { name: 'Connect with your TimeCamp login' }).click();
    await expect
      .poll(() => popup.locator('.account').textContent(), { timeout: 10_000 })
      .toContain(`Connected as ${DEMO_USER.displayName}`);
    await popup.getByText('Connected. Open a task in TimeCamp Planner').waitFor();
    expect(h.emulator.snapshot().requests.some((r) => r.path === '/me' && r.userId === DEMO_USER.userId)).toBe(true);
    await popup.getByRole('button', { name: 'Disconnect' }).click();
    await popup.getByLabel('API token').waitFor();
    await h.context.clearCookies();
    await popup.close();
  });
});
