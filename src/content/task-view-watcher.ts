// The one DOM watcher: a single MutationObserver keeps exactly one button host
// in the open task view. Per mutation batch it does O(1) work while the button
// sits on its anchor; it looks for an anchor only when the button was removed
// (a re-render) or a relevant node appeared. No polling, no document-wide query
// per mutation. SPA navigation is noticed the same way (and by popstate /
// the Navigation API where present), since Planner changes the URL with pushState.
import { findButtonAnchor, mayContainTaskView, taskIdFromUrl, type ButtonAnchor } from './planner-page';

export interface WatcherCallbacks {
  /** the open task changed (null: no task open) */
  taskChanged(plannerTaskId: string | null): void;
  /** the button was (re)inserted for this task */
  placed(plannerTaskId: string): void;
  /** return false to stop watching for good (the extension was reloaded) */
  alive(): boolean;
}

export function watchTaskViews(host: HTMLElement, callbacks: WatcherCallbacks): () => void {
  let href = location.href;
  // A Planner host the user added in the options is one the browser injected us into
  // only after the user granted it: this page's own host is trusted as Planner.
  const here = [location.hostname];
  let taskId = taskIdFromUrl(href, here);
  let anchor: ButtonAnchor | null = null;

  const place = () => {
    if (!taskId) {
      host.remove();
      anchor = null;
      return;
    }
    const found = findButtonAnchor(document, taskId);
    if (!found) {
      host.remove();
      anchor = null;
      return;
    }
    const inPlace =
      host.isConnected &&
      anchor?.element === found.element &&
      (found.placement === 'after' ? host.previousSibling === found.element : host.parentNode === found.element);
    if (inPlace) return;
    anchor = found;
    if (found.placement === 'append') found.element.append(host);
    else if (found.placement === 'prepend') found.element.prepend(host);
    else found.element.after(host);
    callbacks.placed(taskId);
  };

  const navigated = () => {
    if (location.href === href) return false;
    href = location.href;
    const next = taskIdFromUrl(href, here);
    if (next !== taskId) {
      taskId = next;
      callbacks.taskChanged(taskId);
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
    if (host.isConnected && anchor?.via === 'progressBar' && anchor.element.isConnected) return;
    if (!host.isConnected) {
      // Removed: a re-render, or a newer copy of this script took over after an extension
      // update (it removes old buttons). Only then is it worth asking whether we are orphaned.
      if (!callbacks.alive()) return stop();
      return place();
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
