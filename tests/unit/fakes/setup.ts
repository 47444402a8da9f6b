// The unit tier's setup file (vitest.config.ts): every test file runs with the one browser
// fake (./browser.ts), fresh. Worker code imports it as `webextension-polyfill` (the real one
// loads only inside an extension); content-script and popup code find it as `chrome`.
import { vi } from 'vitest';
import { installChrome, resetFakeBrowser } from './browser';

vi.mock('webextension-polyfill', async () => (await import('./browser')).polyfill());
resetFakeBrowser();
installChrome();
