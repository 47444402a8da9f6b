// Issue #6: the manifest asks for the fewest permissions, loads no remote code,
// has an explicit CSP, exposes nothing to web pages, and agrees with the code
// (PLANNER_ORIGINS) and the README's Permissions table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLANNER_HOSTS, PLANNER_ORIGINS, everyPageOf } from '../../src/shared/planner';

const ROOT = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, any>;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('manifest.json', () => {
  it('asks for exactly these permissions', () => {
    // storage: settings (never the token); alarms: retries and refresh; idle: idle-time question;
    // scripting: after an update, open Planner tabs get the new content script (issue 14), and
    // extra Planner hosts get it registered. No install warning of its own.
    // notifications: the idle question outside the popup (issue 15).
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'idle', 'scripting', 'notifications']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    // Asked at runtime on the options page, only for the hosts the user types in.
    expect(manifest.optional_host_permissions ?? []).toEqual(['https://*/*']);
  });

  it('host access only to the TimeCamp API and to the Planner hosts the content script runs on', () => {
    // Planner's host is already in the install warning through the content script; scripting needs it as a host permission.
    expect(manifest.host_permissions).toEqual(['https://app.timecamp.com/*', ...PLANNER_HOSTS.map(everyPageOf)]);
  });

  // Every page of the host: Chromium injects only on a full load whose URL matches, and users
  // enter Planner at / (or a chat) and open projects in-page (PLANNER.md, TESTING.md; issue 12).
  it('one content script, on every page of the Planner hosts (and only there), top frame, isolated world', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const [cs] = manifest.content_scripts;
    expect(cs.matches).toEqual(PLANNER_HOSTS.map(everyPageOf));
    expect(cs.matches).toEqual(['https://planner.timecamp.com/*']);
    expect(cs.js).toEqual(['content.js']);
    expect(cs.all_frames ?? false).toBe(false);
    expect(cs.match_about_blank ?? false).toBe(false);
    expect(cs.match_origin_as_fallback ?? false).toBe(false);
    expect(cs.world ?? 'ISOLATED').toBe('ISOLATED');
    expect(cs.exclude_matches ?? []).toEqual([]);
  });

  it("PLANNER_ORIGINS (the router's trusted origins) agree with the content script matches", () => {
    const origins = (manifest.content_scripts as Array<{ matches: string[] }>).flatMap((cs) =>
      cs.matches.map((m) => new URL(m.replace('*', '')).origin),
    );
    expect([...new Set(origins)].sort()).toEqual([...PLANNER_ORIGINS].sort());
    for (const origin of PLANNER_ORIGINS) expect(origin).toMatch(/^https:\/\/[^*/]+$/);
  });

  it("an explicit CSP for extension pages: script-src 'self' only, nothing unsafe, no remote sources", () => {
    const csp: string = manifest.content_security_policy?.extension_pages;
    expect(typeof csp).toBe('string');
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name!, values];
        }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-|wasm-unsafe|https?:|data:|blob:|\*/);
    expect(manifest.content_security_policy.sandbox).toBeUndefined();
  });

  it('exposes nothing to web pages or other extensions', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
    expect(manifest.key).toBeUndefined();
    expect(manifest.update_url).toBeUndefined();
  });

  it('no remote code: every script the manifest names is a packaged file', () => {
    const scripts = [
      manifest.background.service_worker,
      ...(manifest.background.scripts ?? []),
      ...manifest.content_scripts.flatMap((cs: { js: string[] }) => cs.js),
    ];
    for (const s of scripts) expect(s).toMatch(/^[a-z-]+\.js$/);
  });

  it('the README Permissions section names every permission, and nothing it does not ask for', () => {
    const section = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? '';
    expect(section).not.toBe('');
    const asked = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
    for (const p of asked) expect(section).toContain(`\`${p}\``);
    for (const host of [...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])])
      expect(section).toContain(host);
    for (const m of manifest.content_scripts[0].matches) expect(section).toContain(m);
    // Every permission-like name in the table's first column is one the manifest asks for.
    const named = [...section.matchAll(/^\| (?:optional )?`([a-z]+)`/gm)].map((m) => m[1]);
    for (const n of named) expect(asked).toContain(n);
  });
});
