// Settings live in storage.local (not secret; the token is never here). The
// worker keeps the last read in memory — every click and every view push reads
// them — and forgets it when storage says they changed (index.ts).
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings';

const SETTINGS_KEY = 'settings';

let cached: Promise<Settings> | null = null;

async function load(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]).settings;
  } catch {
    cached = null; // unreadable now: try again next time
    return DEFAULT_SETTINGS;
  }
}

/** The user's settings; defaults for anything missing, invalid or unreadable */
export function readSettings(): Promise<Settings> {
  return (cached ??= load());
}

/** storage.onChanged reported new settings: read them afresh */
export function forgetSettings(): void {
  cached = null;
}
