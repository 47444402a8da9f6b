// Issue #16: the unit tier has one fake of the extension APIs, tests/unit/fakes/browser.ts.
// A test configures it (fakeBrowser.language, .alive, .peer, a spy's mockImplementation);
// it never builds a `chrome` global or a webextension-polyfill object of its own.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FAKES = 'tests/unit/fakes/';
const THIS_FILE = relative(ROOT, import.meta.filename); // its samples below are offenders on purpose

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const TESTS = ['tests/unit', 'tests/contract']
  .flatMap((dir) => filesUnder(join(ROOT, dir)))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !f.path.startsWith(FAKES) && f.path !== THIS_FILE);

/** Where a text builds its own fake of the extension APIs */
export function ownFakes(text: string): string[] {
  const found: string[] = [];
  // a `chrome` or `browser` global (or one of its members) assigned, defined or stubbed
  const globals = /\.(chrome|browser)(\.\w+)*\s*=(?![=>])|(stubGlobal|defineProperty)\([^)]*?['"](chrome|browser)['"]/g;
  for (const m of text.matchAll(globals)) found.push(m[0].trim());
  // the polyfill mocked with anything but the shared fake
  for (const m of text.matchAll(/vi\.(do)?[mM]ock\(\s*['"]webextension-polyfill['"]\s*,([^;]*)/g))
    if (!/import\('[./]*fakes\/browser'\)\)\.polyfill\(\)/.test(m[2]!)) found.push(m[0].slice(0, 60));
  return found;
}

describe('one browser fake in the unit tier', () => {
  it('the check sees test files and catches a fake of their own', () => {
    expect(TESTS.length).toBeGreaterThan(40);
    expect(TESTS.some((f) => f.path.startsWith('tests/unit/content/'))).toBe(true);
    expect(ownFakes(`(globalThis as Record<string, unknown>).chrome = { runtime: {} };`)).toHaveLength(1);
    expect(ownFakes(`globalThis.chrome.runtime = { id: 'x' };`)).toHaveLength(1);
    expect(ownFakes(`vi.stubGlobal('browser', {});`)).toHaveLength(1);
    expect(ownFakes(`Object.defineProperty(globalThis, 'chrome', { value: {} });`)).toHaveLength(1);
    expect(ownFakes(`vi.mock('webextension-polyfill', () => ({ default: {} }));`)).toHaveLength(1);
    // using the shared one is fine (files written before the tier's setup file did this)
    expect(
      ownFakes(`vi.mock('webextension-polyfill', async () => (await import('../../fakes/browser')).polyfill());`),
    ).toEqual([]);
    expect(ownFakes(`const seen = (globalThis as { chrome: Api }).chrome.runtime.id === 'x';`)).toEqual([]);
    expect(ownFakes(`const browser = await fakeBrowserApi();`)).toEqual([]); // a local name, not the global
  });

  it('no test file outside tests/unit/fakes/ fakes chrome, browser or webextension-polyfill itself', () => {
    expect(TESTS.flatMap((f) => ownFakes(f.text).map((hit) => `${f.path}: ${hit}`))).toEqual([]);
  });
});
