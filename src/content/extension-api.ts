// The few extension APIs the content script uses, without webextension-polyfill:
// MV3 Chrome's `chrome.*` and Firefox's `browser.*` both return promises for
// these, and every byte here is loaded into each Planner page.
export interface ContentExtensionApi {
  runtime: {
    id?: string;
    connect(info: { name: string }): {
      postMessage(message: unknown): void;
      disconnect(): void;
      onMessage: { addListener(cb: (message: unknown) => void): void };
      onDisconnect: { addListener(cb: () => void): void };
    };
    onMessage: {
      addListener(
        cb: (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r?: unknown) => void) => void,
      ): void;
    };
  };
  i18n: { getMessage(key: string, substitutions?: string | string[]): string };
}

const scope = globalThis as { browser?: ContentExtensionApi; chrome?: ContentExtensionApi };
export const ext: ContentExtensionApi = (scope.browser ?? scope.chrome)!;

/** False once the extension was reloaded or removed: this script is an orphan then */
export const extensionAlive = (): boolean => {
  try {
    return !!ext.runtime.id;
  } catch {
    return false;
  }
};

/** Strings read while the extension lived: an orphaned script (after an update) has no chrome.i18n */
const kept = new Map<string, string>();

/** A message from _locales; once the extension is gone, the one read before (or the key) */
export const t = (key: string, ...subs: string[]): string => {
  try {
    const message = ext.i18n.getMessage(key, subs);
    if (message) {
      if (subs.length === 0) kept.set(key, message);
      return message;
    }
  } catch {
    // Orphaned: chrome.i18n throws once the extension was updated, reloaded or removed.
  }
  return kept.get(key) ?? key;
};

/** Read these now, while the extension lives, so an orphaned script can still say them */
export const keepStrings = (keys: readonly string[]): void => keys.forEach((key) => t(key));
