// Settings for e2e tests, written where the options page writes them (storage.local);
// the worker reads them afresh when storage reports the change.
import type { Harness } from './harness';
import type { Settings } from '../../src/shared/settings';

export async function setSettings(h: Harness, settings: Partial<Settings>): Promise<void> {
  const worker = await h.worker();
  await worker.evaluate(async (s) => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } })
      .chrome.storage;
    await storage.local.set({ settings: s });
  }, settings);
}
