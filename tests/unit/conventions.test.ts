// Issue #6: conventions are enforced by a test, not by a paragraph. Page and API
// strings are rendered as text only, no code is loaded from anywhere, and the
// token stays in the worker's auth/API modules.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx|js|mjs|html)$/.test(name) ? [path] : [];
  });
}

/** Source text without comments, so a comment that names a sink (to forbid it) is not a hit */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SOURCES = filesUnder(SRC).map((path) => ({ path: relative(ROOT, path), text: code(path) }));

function hits(pattern: RegExp, only?: (path: string) => boolean): string[] {
  return SOURCES.filter((f) => (only ? only(f.path) : true)).flatMap((f) =>
    f.text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${f.path}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('source conventions', () => {
  it('finds the sources (the test is not vacuous)', () => {
    expect(SOURCES.length).toBeGreaterThan(20);
    expect(SOURCES.some((f) => f.path.startsWith('src/content/'))).toBe(true);
    expect(SOURCES.some((f) => f.path.startsWith('src/popup/'))).toBe(true);
  });

  it('no HTML sinks anywhere in src/: text only', () => {
    expect(
      hits(
        /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|srcdoc)\b|document\.write(ln)?\s*\(|createContextualFragment|DOMParser|parseHTMLUnsafe|setHTMLUnsafe/,
      ),
    ).toEqual([]);
  });

  it('no code from strings or from elsewhere: no eval, new Function, string timers, importScripts, remote scripts', () => {
    expect(
      hits(
        /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(|importScripts\s*\(|\bimport\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/,
      ),
    ).toEqual([]);
    expect(hits(/<script[^>]+src\s*=\s*["']?(https?:)?\/\//i)).toEqual([]);
    expect(hits(/\.(src|href)\s*=\s*["'`]?https?:/, (p) => p.startsWith('src/content/'))).toEqual([]);
  });

  it('the content script never touches extension storage, the token or TimeCamp', () => {
    const content = (p: string) => p.startsWith('src/content/');
    expect(hits(/\b(storage|indexedDB|fetch|XMLHttpRequest|WebSocket)\b/, content)).toEqual([]);
    expect(hits(/\btoken\b/i, content)).toEqual([]);
    // (a link to TimeCamp's web timesheet is fine; its API is the worker's business)
    expect(hits(/third_party\/api|fetch\s*\(/, content)).toEqual([]);
  });

  it('the content script has no window message channel: the page cannot post to it', () => {
    const content = (p: string) => p.startsWith('src/content/');
    expect(hits(/addEventListener\(\s*['"]message['"]|\bonmessage\b|MessageChannel|BroadcastChannel/, content)).toEqual(
      [],
    );
    // postMessage only on the extension's runtime port to the worker (worker-port.ts), never a window's
    expect(hits(/postMessage\s*\(/, content).map((hit) => hit.split(':')[0])).toEqual([
      'src/content/extension-api.ts',
      'src/content/worker-port.ts',
    ]);
    expect(hits(/port\.postMessage\(/, content)).toHaveLength(1);
  });

  it('only the auth and connection modules (and the API client) handle the stored token', () => {
    const allowed = new Set([
      'src/background/account/auth.ts',
      'src/background/account/connection.ts',
      'src/background/storage/records.ts',
    ]);
    const offenders = hits(
      /\.token\b|\btoken:/,
      (p) => p.startsWith('src/background/') && !p.startsWith('src/background/api/') && !allowed.has(p),
    );
    // The popup's Connect request carries the typed token straight to auth.connect.
    expect(
      offenders.filter(
        (line) =>
          !/^src\/background\/messaging\/handlers\/account\.ts:\d+: 'auth\.connect': async \(request\) => connected\(await connect\(request\.token\)\),$/.test(
            line,
          ),
      ),
    ).toEqual([]);
  });

  it('nothing logs a token, an auth record, a request or its headers', () => {
    expect(hits(/console\.\w+\([^)]*\b(token|auth|headers|Authorization|Bearer)\b/i)).toEqual([]);
    // The only console output: short warnings with an error's message.
    for (const line of hits(/console\.\w+\(/)) expect(line).toMatch(/console\.warn\('\[timecamp-timer\]/);
  });

  it('the token is never put in a URL', () => {
    expect(hits(/searchParams\.(set|append)\([^)]*token|[?&](api_)?token=/i)).toEqual([]);
  });
});
