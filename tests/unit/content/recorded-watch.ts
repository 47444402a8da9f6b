// The watcher started on a fresh host at a URL path, with what it reports recorded: shared by
// the tests that drive it against hand-written pages (anchor-chain, watcher-edges).
import { watchTaskViews, type Placement } from '../../../src/content/task-view-watcher';

export function recordedWatch(path: string, alive: () => boolean = () => true) {
  history.replaceState(null, '', path);
  const host = document.createElement('span');
  host.setAttribute('data-timecamp-timer', '');
  const placed: [string, Placement][] = [];
  const changed: (string | null)[] = [];
  const stop = watchTaskViews(host, {
    taskChanged: (id) => changed.push(id),
    placed: (id, p) => placed.push([id, p]),
    alive,
  });
  return { host, placed, changed, stop };
}
