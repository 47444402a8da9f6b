// The one DOM watcher: a single MutationObserver keeps exactly one button host
// on the open task. Per mutation batch it does O(1) work while the button sits
// on its anchor, and while no task is open; it looks for an anchor only when the
// button was removed (a re-render) or a relevant node appeared. No polling, no
// document-wide query per mutation. SPA navigation is noticed the same way (and
// by popstate / the Navigation API where present), since Planner changes the URL
// with pushState, from any route (the script runs on every Planner page).
//
// Never nothing: when the URL names a task and no anchor appears within DOCK_AFTER_MS
// (Planner's layout changed, or a view we do not know), the same host docks in a free
// corner of the page; when an anchor appears later, it moves there.
import {
  findButtonAnchor,
  mayContainTaskView,
  taskIdFromUrl,
  type AnchorStep,
  type ButtonAnchor,
} from './planner-page';

export type Placement = AnchorStep | 'docked';

/** How long a named task may stay without an anchor before the button docks (issue 12: "about 2.5 s") */
export const DOCK_AFTER_MS = 2500;

export interface WatcherCallbacks {
  /** the open task changed (null: no task open) */
  taskChanged(plannerTaskId: string | null): void;
  /** the button was (re)inserted for this task: on an anchor, or docked */
  placed(plannerTaskId: string, placement: Placement): void;
  /** return false to stop watching for good (the extension was reloaded) */
  alive(): boolean;
}

/** The anchors good enough that a batch which leaves them in place needs no look (the native button's places) */
const BEST: readonly Placement[] = ['headerLeft', 'progressBar'];

export function watchTaskViews(host: HTMLElement, callbacks: WatcherCallbacks): () => void {
  let href = location.href;
  // A Planner host the user added in the options is one the browser injected us into
  // only after the user granted it: this page's own host is trusted as Planner.
  const here = [location.hostname];
  let taskId = taskIdFromUrl(href, here);
  let anchor: ButtonAnchor | null = null;
  let docked = false;
  let dockTimer: ReturnType<typeof setTimeout> | undefined;

  const mark = (placement: Placement) => {
    if (host.getAttribute('data-timecamp-placement') !== placement)
      host.setAttribute('data-timecamp-placement', placement);
  };

  const undock = () => {
    clearTimeout(dockTimer);
    dockTimer = undefined;
    docked = false;
  };

  // Called only while a task is named, no anchor is known and the host is off the body: place()
  // clears the pending timer whenever the task closes or an anchor is found.
  const dock = () => {
    dockTimer = undefined;
    if (!callbacks.alive()) return stop();
    docked = true;
    mark('docked');
    document.body.append(host);
    callbacks.placed(taskId!, 'docked');
  };

  const place = () => {
    if (!taskId) {
      undock();
      host.remove();
      anchor = null;
      return;
    }
    const found = findButtonAnchor(document, taskId);
    if (!found) {
      anchor = null;
      if (docked) {
        // The page dropped our docked host (a body re-render): back at once.
        if (host.parentNode !== document.body) dock();
        return;
      }
      host.remove();
      dockTimer ??= setTimeout(dock, DOCK_AFTER_MS);
      return;
    }
    if (host.isConnected && anchor?.element === found.element && host.parentNode === found.element) return;
    undock();
    anchor = found;
    mark(found.via);
    if (found.placement === 'append') found.element.append(host);
    else found.element.prepend(host);
    callbacks.placed(taskId, found.via);
  };

  const navigated = () => {
    if (location.href === href) return false;
    href = location.href;
    const next = taskIdFromUrl(href, here);
    if (next !== taskId) {
      taskId = next;
      callbacks.taskChanged(taskId);
      // A docked button stays docked for the next task (no flicker); one on an anchor
      // waits for the next task's view like the first one did.
      if (docked && taskId) callbacks.placed(taskId, 'docked');
    }
    place();
    return true;
  };

  // Where the Navigation API exists its events report every pushState, so a mutation
  // batch needs no URL read; elsewhere each batch compares the URL (a string read).
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;

  const onMutations = (records: MutationRecord[]) => {
    if (!navigation && navigated()) return;
    if (!taskId) return;
    // The common case under re-render storms: our host still sits on the best anchor.
    if (host.isConnected && anchor && BEST.includes(anchor.via) && anchor.element.isConnected) return;
    if (!host.isConnected) {
      // Removed: a re-render, or a newer copy of this script took over after an extension
      // update (it removes old buttons). Only then is it worth asking whether we are orphaned.
      if (!callbacks.alive()) return stop();
      if (!dockTimer) return place();
    }
    if (records.some((r) => relevant(r.addedNodes, taskId!))) place();
  };

  const observer = new MutationObserver(onMutations);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  const onNavigate = () => {
    if (callbacks.alive()) navigated();
    else stop();
  };
  addEventListener('popstate', onNavigate);
  navigation?.addEventListener('currententrychange', onNavigate);

  function stop() {
    observer.disconnect();
    undock();
    removeEventListener('popstate', onNavigate);
    navigation?.removeEventListener('currententrychange', onNavigate);
    host.remove();
  }

  callbacks.taskChanged(taskId);
  place();
  return stop;
}

function relevant(nodes: NodeList, taskId: string): boolean {
  for (let i = 0; i < nodes.length; i++) if (mayContainTaskView(nodes[i]!, taskId)) return true;
  return false;
}
