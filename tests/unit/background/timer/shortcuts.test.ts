// The keyboard command reaches only a Planner tab with an open task.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';

const sendMessage = fakeBrowser.api.tabs.sendMessage;

const { resetDbConnection } = await import('../../../../src/background/storage/db');
const { write } = await import('../../../../src/background/storage/records');
const { onCommand, TOGGLE_COMMAND } = await import('../../../../src/background/timer/shortcuts');

beforeEach(async () => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  resetDbConnection();
  resetFakeBrowser();
  await write('tabs', {
    '7': { plannerTaskId: '5001', visible: true, seenAtMs: 1 },
    '8': { plannerTaskId: null, visible: true, seenAtMs: 1 },
  });
});

test('toggle-timer in a Planner tab with an open task asks that tab to toggle', async () => {
  await onCommand(TOGGLE_COMMAND, 7);
  expect(sendMessage).toHaveBeenCalledWith(7, { type: 'background.toggle' });
});

test('a board without an open task, an unknown tab, another command or no tab: nothing', async () => {
  await onCommand(TOGGLE_COMMAND, 8);
  await onCommand(TOGGLE_COMMAND, 99);
  await onCommand('something-else', 7);
  await onCommand(TOGGLE_COMMAND, undefined);
  expect(sendMessage).not.toHaveBeenCalled();
});
