// Settings live in storage.local (not secret; the token is never here).
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../shared/settings';

export const SETTINGS_KEY = 'settings';

/** The user's settings; defaults for anything missing, invalid or unreadable */
export async function readSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]).settings;
  } catch {
    return DEFAULT_SETTINGS;
  }
}
