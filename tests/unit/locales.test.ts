// Every user-visible string is in every locale (issue #8): en, pl and de have the
// same keys and the same $1..$9 placeholders per key, nothing is empty, every key
// the code or the manifest asks for exists, and en holds no key nobody asks for.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const LOCALES_DIR = join(ROOT, 'extension/_locales');
const LOCALES = ['en', 'pl', 'de'] as const;

type Messages = Record<string, { message: string; description?: string }>;
const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
const messages = Object.fromEntries(LOCALES.map((l) => [l, read(l)])) as Record<(typeof LOCALES)[number], Messages>;
const en = messages.en;

const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}
const sources = sourceFiles(join(ROOT, 'src')).map((path) => ({
  path: path.slice(ROOT.length + 1),
  text: readFileSync(path, 'utf8'),
}));
// The source manifest and the built Chromium one (the build copies the former).
const manifests = ['manifest.json', 'extension/manifest.json'].map((p) => ({
  path: p,
  text: readFileSync(join(ROOT, p), 'utf8'),
}));

/** Keys asked for in code: t('key'…), getMessage('key'…), t(cond ? 'a' : 'b'), and __MSG_key__ */
function keysUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const { path, text } of sources) {
    for (const [, key] of text.matchAll(/\b(?:t|getMessage)\(\s*['"`]([A-Za-z0-9_]+)['"`]/g)) used.set(key!, path);
    for (const [, a, b] of text.matchAll(
      /\b(?:t|getMessage)\([^()'"`]*\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g,
    )) {
      used.set(a!, path);
      used.set(b!, path);
    }
  }
  for (const { path, text } of manifests)
    for (const [, key] of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.set(key!, path);
  return used;
}

describe('locales (issue #8)', () => {
  it('ships exactly en, pl and de', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES) {
    it(`${locale}: the same keys as en, each with the same placeholders, none empty`, () => {
      const m = messages[locale];
      expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(m)) {
        expect(typeof message, `${locale}.${key}`).toBe('string');
        expect(message.trim(), `${locale}.${key} is empty`).not.toBe('');
        expect(placeholders(message), `${locale}.${key} placeholders`).toEqual(placeholders(en[key]!.message));
        // Chrome reads `$word$` as a named placeholder: none are declared, so none may appear.
        expect(message, `${locale}.${key}`).not.toMatch(/\$[A-Za-z_]+\$/);
      }
    });
  }

  it('pl and de are translations, not English copies (names and formats may stay)', () => {
    const sameAllowed = new Set(['popupPickTask', 'popupDurationPlaceholder', 'retryInMinutes', 'retryInSeconds']);
    for (const locale of ['pl', 'de'] as const) {
      const copies = Object.keys(en).filter(
        (k) => !sameAllowed.has(k) && messages[locale][k]!.message === en[k]!.message,
      );
      expect(copies, locale).toEqual([]);
    }
  });

  it('keeps the names TimeCamp and Planner, and the "Force synchronization" hint', () => {
    for (const locale of LOCALES) {
      const m = messages[locale];
      for (const key of Object.keys(en)) {
        if (en[key]!.message.includes('TimeCamp')) expect(m[key]!.message, `${locale}.${key}`).toContain('TimeCamp');
        // Polish declines the name (Plannera, Plannerze): the stem stays.
        if (en[key]!.message.includes('Planner')) expect(m[key]!.message, `${locale}.${key}`).toContain('Planner');
      }
      expect(m.problemNotImported!.message, locale).toContain('Force synchronization');
    }
  });

  it('store limits: description ≤ 132 characters, name and short name ≤ 45', () => {
    for (const locale of LOCALES) {
      const m = messages[locale];
      expect(m.extDescription!.message.length, locale).toBeLessThanOrEqual(132);
      expect(m.extShortName!.message.length, locale).toBeLessThanOrEqual(45);
      expect(m.extName!.message.length, locale).toBeLessThanOrEqual(45);
    }
  });

  it('every key the code and the manifests ask for exists in en (and so in every locale)', () => {
    const used = keysUsed();
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(([key]) => !(key in en)).map(([key, path]) => `${path}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('en has no key that nothing asks for', () => {
    const used = keysUsed();
    // A key can also travel as data (a literal handed to t() later): count any quoted use.
    const allText = sources.map((s) => s.text).join('\n');
    const unused = Object.keys(en).filter((key) => !used.has(key) && !new RegExp(`['"\`]${key}['"\`]`).test(allText));
    expect(unused).toEqual([]);
  });

  it('the popup and options pages name their language and title from _locales at run time', () => {
    for (const page of ['popup', 'options']) {
      const entry = sources.find((s) => s.path === `src/${page}/index.tsx`)!;
      expect(entry.text, page).toMatch(/documentElement\.lang\s*=/);
      expect(entry.text, page).toMatch(/document\.title\s*=/);
    }
  });
});
