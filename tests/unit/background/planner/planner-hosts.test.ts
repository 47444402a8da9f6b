// Custom Planner hosts (issue #8): only hosts the user granted get the content script
// and are trusted by the router; a first message right after a wake is not dropped.
import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';

const { applyPlannerHosts, plannerOrigins } = await import('../../../../src/background/planner/planner-hosts');
const { createRouter } = await import('../../../../src/background/messaging/router');
const { taskIdFromUrl } = await import('../../../../src/content/planner-page');
const { forgetSettings } = await import('../../../../src/background/storage/settings');

beforeEach(() => {
  resetFakeBrowser();
  fakeBrowser.settings = {};
  forgetSettings(); // what storage.onChanged does in the worker
});

test('granted hosts get the content script and are trusted; ungranted ones are not', async () => {
  fakeBrowser.settings = { plannerHosts: ['planner.example.com', 'other.example.org'] };
  forgetSettings(); // what storage.onChanged does in the worker
  fakeBrowser.granted.add('https://planner.example.com/*');
  await applyPlannerHosts();
  expect(plannerOrigins).toEqual(['https://planner.timecamp.com', 'https://planner.example.com']);
  expect(fakeBrowser.registered).toHaveLength(1);
  expect(fakeBrowser.registered[0]!.matches).toEqual(['https://planner.example.com/*']);

  fakeBrowser.settings = {};
  forgetSettings(); // what storage.onChanged does in the worker
  await applyPlannerHosts();
  expect(plannerOrigins).toEqual(['https://planner.timecamp.com']);
  expect(fakeBrowser.registered).toHaveLength(0);
});

test('the router reads the origins afresh before dropping a tab it does not know', async () => {
  const origins: string[] = ['https://planner.timecamp.com'];
  const content = vi.fn(async () => 'view' as never);
  const router = createRouter(
    {
      extensionId: 'ext',
      extensionOrigin: 'chrome-extension://ext',
      plannerOrigins: origins,
      refreshPlannerOrigins: async () => void origins.push('https://planner.example.com'),
    },
    { content, extensionPage: vi.fn(async () => null as never) },
  );
  const sender = {
    id: 'ext',
    url: 'https://planner.example.com/projects/1/board?taskId=5',
    tab: { id: 3 } as never,
    frameId: 0,
  };
  await expect(router({ type: 'content.hello', plannerTaskId: '5', visible: true }, sender)).resolves.toBe('view');
  // Still unknown after the refresh: dropped, never handled.
  const stranger = { ...sender, url: 'https://evil.example.net/projects/1' };
  await expect(router({ type: 'content.hello', plannerTaskId: '5', visible: true }, stranger)).resolves.toBeUndefined();
  expect(content).toHaveBeenCalledTimes(1);
  expect(router.dropped.count).toBe(1);
});

test('the content script treats the host it was injected into as Planner', () => {
  expect(taskIdFromUrl('https://planner.example.com/projects/1/board?taskId=5')).toBeNull();
  expect(taskIdFromUrl('https://planner.example.com/projects/1/board?taskId=5', ['planner.example.com'])).toBe('5');
  expect(taskIdFromUrl('http://planner.example.com/projects/1/board?taskId=5', ['planner.example.com'])).toBeNull();
});
