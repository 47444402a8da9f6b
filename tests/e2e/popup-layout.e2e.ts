// Issue 15, item 1: the popup's running card is readable at 360 px in English, Polish and
// German — a short title is never cut, a long one wraps to two lines, the breadcrumb keeps
// its last parts (project, list) visible, and nothing scrolls sideways.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';

type Messages = Record<string, { message: string }>;
const say = (lang: string, key: string) =>
  (JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', lang, 'messages.json'), 'utf8')) as Messages)[key]!.message;

describe('the running card at 360 px', () => {
  for (const lang of ['en', 'pl', 'de'] as const) {
    describe(lang, () => {
      const h = useHarness(lang === 'en' ? {} : { locale: lang });
      test('title, breadcrumb, clock and Stop all readable', async () => {
        if (lang !== 'en' && !existsSync(`/usr/lib/chromium/locales/${lang}.pak`))
          throw new Error('apt-get install chromium-l10n');
        const p = await h.popup();
        await p.setViewportSize({ width: 360, height: 600 });
        await p.getByLabel(say(lang, 'connectTokenLabel')).fill(DEMO_USER.token);
        await p.getByRole('button', { name: say(lang, 'connectButton'), exact: true }).click();
        for (const [query, title] of [
          ['homepage', 'Write homepage copy'],
          ['checklist', 'Prepare launch checklist'],
        ] as const) {
          if (await p.locator('.timer.running').count()) await p.locator('button.stop').click();
          await p.getByLabel(say(lang, 'popupStartLabel')).fill(query);
          await p.locator('.choice', { hasText: title }).click();
          await p.locator('.timer.running .title', { hasText: title }).waitFor();
          const seen = await p.evaluate(() => {
            const card = document.querySelector('.timer.running')!.getBoundingClientRect();
            const title = document.querySelector<HTMLElement>('.timer.running .title')!;
            const crumbs = [...document.querySelectorAll<HTMLElement>('.timer.running .crumbs > span')];
            const last = crumbs.at(-1)!;
            const inCard = (sel: string) => {
              const r = document.querySelector(sel)!.getBoundingClientRect();
              return r.left >= card.left && r.right <= card.right + 0.5;
            };
            return {
              pageWidth: document.documentElement.scrollWidth,
              titleCut: title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1,
              titleLines: Math.round(title.clientHeight / parseFloat(getComputedStyle(title).lineHeight)),
              lastCrumb: last.textContent,
              lastCrumbCut: last.scrollWidth > last.clientWidth + 1,
              clockInCard: inCard('.timer.running .clock'),
              stopInCard: inCard('.timer.running button.stop'),
            };
          });
          expect(seen, `${lang} "${title}"`).toMatchObject({
            pageWidth: 360,
            titleCut: false,
            lastCrumb: 'To do',
            lastCrumbCut: false,
            clockInCard: true,
            stopInCard: true,
          });
          expect(seen.titleLines).toBeLessThanOrEqual(2);
        }
      });
    });
  }
});
