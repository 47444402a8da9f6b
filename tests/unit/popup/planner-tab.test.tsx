// @vitest-environment jsdom
// Issue 12: the popup says what the extension sees in the active Planner tab: the task it
// recognised and where its button is, with Copy diagnostics (version, anchor step, class
// local parts; no titles, no ids, no token).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/popup/App';
import { diagnosticsText } from '../../../src/popup/PlannerTab';
import type { TabDiagnostics } from '../../../src/shared/protocol';
import { mockConnector } from './mock-connector';
import { button, click, en, installExtensionApi, mount, settle } from './setup';

beforeAll(installExtensionApi);
let unmount = () => {};
afterEach(() => unmount());

const ID = '0c5e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d';
const docked: TabDiagnostics = {
  plannerTaskId: ID,
  taskTitle: 'Secret client project',
  placement: 'docked',
  title: 'none',
  candidates: 0,
  path: [],
  route: '/projects/:id/kanban',
};

function open(plannerTab: TabDiagnostics | null) {
  const mock = mockConnector({ plannerTab });
  const m = mount(<App connector={mock.connector} />);
  unmount = m.unmount;
  return m.root;
}

describe('popup: This Planner tab', () => {
  it('docked: names the task and says the layout was not recognised', async () => {
    const root = open(docked);
    await settle();
    const section = root.querySelector('.planner-tab')!;
    expect(section.textContent).toContain(en('tabTask').replace('$1', 'Secret client project'));
    expect(section.textContent).toContain(en('tabDocked'));
  });

  it('in the task header: says so', async () => {
    const root = open({
      ...docked,
      placement: 'headerLeft',
      title: 'bare',
      candidates: 2,
      path: ['div.title', 'div.header'],
    });
    await settle();
    expect(root.querySelector('.planner-tab')!.textContent).toContain(en('tabInHeader'));
  });

  it('no task open: says how to get the button', async () => {
    const root = open({ ...docked, plannerTaskId: null, taskTitle: '', placement: 'none' });
    await settle();
    expect(root.querySelector('.planner-tab')!.textContent).toContain(en('tabNoTask'));
  });

  it('not a Planner tab: nothing is shown', async () => {
    const root = open(null);
    await settle();
    expect(root.querySelector('.planner-tab')).toBeNull();
  });

  it('Copy diagnostics copies the version, the step and the class path, never the title or the id', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const root = open({
      ...docked,
      placement: 'titleParent',
      title: 'bare',
      candidates: 1,
      path: ['div.title', 'div.modal[role=dialog]'],
    });
    await settle();
    click(button(root, en('tabCopy')));
    await settle();
    const copied = writeText.mock.calls[0]![0];
    expect(JSON.parse(copied)).toMatchObject({
      placement: 'titleParent',
      title: 'bare',
      path: ['div.title', 'div.modal[role=dialog]'],
      route: '/projects/:id/kanban',
      taskInUrl: true,
    });
    expect(copied).not.toContain('Secret');
    expect(copied).not.toContain(ID);
    expect(root.textContent).toContain(en('tabCopied'));
    expect(diagnosticsText(docked, '1.2.3', 'UA')).toContain('"extension": "1.2.3"');
  });
});
