/**
 * Examples straight from the TimeCamp OpenAPI subset (fixtures/openapi-subset.yaml,
 * a verbatim copy of shared/timecamp-api/openapi-subset.yaml), so the tests
 * follow the spec rather than our reading of it. A missing example throws, so
 * a spec change cannot silently turn a test into a no-op.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const spec: unknown = parse(readFileSync(new URL('./fixtures/openapi-subset.yaml', import.meta.url), 'utf8'));

function dig(keys: string[]): unknown {
  let node: unknown = spec;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`spec has no ${keys.join(' › ')} (stopped at ${key})`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return structuredClone(node);
}

export function responseExample(path: string, method: string, status: string, name: string): unknown {
  return dig(['paths', path, method, 'responses', status, 'content', 'application/json', 'examples', name, 'value']);
}

export function requestExample(path: string, method: string, name: string): unknown {
  return dig(['paths', path, method, 'requestBody', 'content', 'application/json', 'examples', name, 'value']);
}

export function notokenExample(): unknown {
  return dig(['components', 'responses', 'notoken', 'content', 'application/json', 'examples', 'no token', 'value']);
}

/** An example that must be a JSON object, for tests that derive variants from it. */
export function objectExample(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('example is not an object');
  return value as Record<string, unknown>;
}
