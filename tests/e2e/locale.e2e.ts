// Issue #8, languages: Chromium with a Polish or German UI shows the extension in that
// language (chrome.i18n picks _locales/<lang>), formats dates with Intl for it, and the
// pages declare it (lang) for screen readers. The Planner button's accessible name
// starts with the translated start label; the popup, the live region and the
// not-imported explanation are translated too.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, useHarness } from './harness';
import { mainButton, openTask, waitButton, waitIdle, waitRunning } from './planner-button-helpers';
import { DEMO_USER } from '../fixtures/planner-seed';

type Messages = Record<string, { message: string }>;
const messagesOf = (lang: string) =>
  JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', lang, 'messages.json'), 'utf8')) as Messages;
const fill = (text: string, ...subs: string[]) => subs.reduce((s, sub, i) => s.replaceAll(`$${i + 1}`, sub), text);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const lang of ['pl', 'de'] as const) {
  describe(`browser language ${lang}`, () => {
    const h = useHarness({ locale: lang });
    const m = messagesOf(lang);
    const say = (key: string, ...subs: string[]) => fill(m[key]!.message, ...subs);

    test(`popup, Planner button, live region and problem text in ${lang}`, async () => {
      // Debian ships Chromium's UI languages apart (chromium-l10n); without them Chromium stays en-US.
      const pak = `/usr/lib/chromium/locales/${lang}.pak`;
      if (process.env.CHROMIUM_PATH === undefined && !existsSync(pak))
        throw new Error(`${pak} is missing: apt-get install chromium-l10n`);

      const popup = await h.popup();
      const seen = await popup.evaluate(() => ({
        ui: (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(),
        lang: document.documentElement.lang,
        title: document.title,
      }));
      expect(seen.ui.startsWith(lang)).toBe(true);
      expect(seen).toMatchObject({ lang, title: say('actionTitle') });

      // The token form, and connecting through it, in the language
      await popup.getByRole('heading', { name: say('connectTitle') }).waitFor();
      await popup.getByLabel(say('connectTokenLabel')).fill(DEMO_USER.token);
      await popup.getByRole('button', { name: say('connectButton'), exact: true }).click();
      await popup.getByText(say('accountConnectedAs', '').trim()).first().waitFor();
      // Today's date as Intl writes it for the language (not en-US)
      const expectedDay = await popup.evaluate(() =>
        new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date()),
      );
      const enDay = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short' }).format(
        new Date(),
      );
      expect(expectedDay).not.toBe(enDay);
      await expect.poll(() => popup.locator('#day-title').textContent()).toBe(say('popupToday', expectedDay));
      expect(await popup.getByLabel(say('popupStartLabel')).count()).toBe(1);
      console.log(`${lang}: popup heading "${await popup.locator('#day-title').textContent()}"`);
      await popup.close();

      // The Planner button: accessible name, pressed state, live region
      const page = await openTask(h, 'modal', '5001');
      const named = (key: string) =>
        page.locator('[data-timecamp-timer]').getByRole('button', { name: new RegExp(`^${escape(say(key))}`) });
      await expect.poll(() => named('buttonStart').count()).toBe(1);
      await named('buttonStart').click();
      await waitRunning(h, '9501');
      await waitButton(page, { pressed: 'true', labelStarts: say('buttonStop') });
      await expect.poll(() => named('buttonStop').count()).toBe(1);
      await waitButton(page, { message: say('announceStarted') }, 8000);
      await mainButton(page).click();
      await waitIdle(h);
      await waitButton(
        page,
        { pressed: 'false', labelStarts: say('buttonStart'), message: say('announceStopped') },
        8000,
      );
      await page.close();

      // A task TimeCamp has not imported: the explanation and its actions in the language
      const problem = await openTask(h, 'modal', '5099');
      await mainButton(problem).click();
      const shown = await waitButton(problem, { noTaskVisible: true }, 8000);
      expect(shown.message).toBe(say('problemNotImported'));
      expect(shown.message).toContain('Force synchronization');
      await problem
        .locator('[data-timecamp-timer]')
        .getByRole('button', { name: say('buttonTrackWithoutTask') })
        .waitFor();
      await problem
        .locator('[data-timecamp-timer]')
        .getByRole('link', { name: say('buttonOpenTimesheet') })
        .waitFor();
    });
  });
}
