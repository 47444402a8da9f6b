// Loads response schemas from the shared OpenAPI subset and validates bodies
// with ajv. Corrections where CONTRACT.md overrides the spec are made by the
// tests themselves (deep-cloned, explicit), never here.
import { readFileSync } from 'node:fs';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';

export const SPEC_PATH = '/work/shared/timecamp-api/openapi-subset.yaml';

export type JsonSchema = { [key: string]: unknown };

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

const spec: unknown = parse(readFileSync(SPEC_PATH, 'utf8'));

/** Follows a local "#/a/b" JSON pointer inside the spec. */
function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
}

/** Inlines every $ref (the subset has no recursive schemas). */
function deref(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(deref);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') return deref(pointer(node.$ref));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v)]));
}

/**
 * The converter drops `nullable` next to oneOf/anyOf (it only rewrites
 * `type`), which would reject the spec's own `task_id: null` example. Moving it
 * into the alternatives keeps the spec's meaning; it is not a contract change.
 */
function nullableAlternatives(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAlternatives);
  if (!isObject(node)) return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAlternatives(v)]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alts = out[key];
    if (out.nullable === true && Array.isArray(alts)) {
      out[key] = [...alts, { type: 'null' }];
      delete out.nullable;
    }
  }
  return out;
}

function at(node: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), node);
}

/** JSON Schema for the JSON body of `method path` answering `status`. */
export function responseSchema(path: string, method: string, status: number): JsonSchema {
  const raw = at(spec, 'paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema');
  if (!isObject(raw)) throw new Error(`spec has no JSON schema for ${method.toUpperCase()} ${path} ${status}`);
  const converted: JsonSchema = { ...fromSchema(nullableAlternatives(deref(raw)) as JsonSchema) };
  delete converted.$schema; // draft-04 marker; ajv 8 validates these keywords the same way
  return converted;
}

/** The spec's documented no-token body (components.responses.notoken). */
export function noTokenSchema(): JsonSchema {
  const raw = at(spec, 'components', 'responses', 'notoken', 'content', 'application/json', 'schema');
  if (!isObject(raw)) throw new Error('spec has no notoken schema');
  const converted: JsonSchema = { ...fromSchema(raw) };
  delete converted.$schema;
  return converted;
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** ajv errors as readable strings; empty when valid. */
export function schemaErrors(schema: JsonSchema, data: unknown): string[] {
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** Deep copy so a test's correction never leaks into another test. */
export const clone = (s: JsonSchema): JsonSchema => structuredClone(s);

/** Property sub-schema, e.g. prop(tasks, '[task_id]'). */
export function prop(schema: JsonSchema, name: string): JsonSchema {
  const p = at(schema, 'properties', name);
  if (!isObject(p)) throw new Error(`schema has no property ${name}`);
  return p;
}

/** Adds `required` for the listed keys: the spec lists fields but rarely requires them. */
export function requiring(schema: JsonSchema, keys: string[]): JsonSchema {
  return { ...clone(schema), required: keys };
}

/** All property names the spec documents for an object schema. */
export function documentedKeys(schema: JsonSchema): string[] {
  const p = schema.properties;
  return isObject(p) ? Object.keys(p) : [];
}

/**
 * CONTRACT.md "GET /tasks schema says integer but examples are strings":
 * every `type: integer` (possibly nullable) also accepts a string of digits.
 */
export function integersMayBeDigitStrings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(integersMayBeDigitStrings);
  if (!isObject(node)) return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, integersMayBeDigitStrings(v)]));
  const type = out.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('integer')) {
    delete out.type;
    out.anyOf = [{ type: types }, { type: 'string', pattern: '^-?[0-9]+$' }];
  }
  return out;
}
