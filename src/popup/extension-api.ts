// The popup's handle on the extension APIs, without webextension-polyfill: Chrome's
// MV3 `chrome.*` and Firefox's `browser.*` both return promises for what the popup
// uses (runtime.sendMessage, runtime.onMessage, i18n.getMessage). Dropping the
// polyfill here saves ~3 KB gzipped of the 25 KB popup budget (issue #5).
import type { Browser } from 'webextension-polyfill';

type PopupApi = Pick<Browser, 'runtime' | 'i18n' | 'commands'>;

export function extensionApi(): PopupApi {
  const g = globalThis as unknown as { browser?: PopupApi; chrome?: PopupApi };
  return (g.browser ?? g.chrome)!;
}
