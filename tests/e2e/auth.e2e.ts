// Token authorization in the popup (issue #2): connect, reject, offline, disconnect, worker kill.
import { describe, expect, test } from 'vitest';
import { useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';

const h = useHarness({ beforeEachTest: (h) => h.emulator.reset() });

describe('popup token authorization', () => {
  test('a wrong token is rejected and nothing is stored', async () => {
    const popup = await h.popup();
    await popup.getByLabel('API token').fill('ffffffffffffffffffffffffff');
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('TimeCamp did not accept this token');
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
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain("Can't reach TimeCamp");
    await expect(popup.getByLabel('API token').inputValue()).resolves.toBe(DEMO_USER.token);
    await h.emulator.clearFaults();
    await popup.close();
  });
});
