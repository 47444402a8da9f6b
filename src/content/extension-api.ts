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
      addListener(cb: (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r?: unknown) => void) => void): void;
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

export const t = (key: string, ...subs: string[]): string => ext.i18n.getMessage(key, subs) || key;
