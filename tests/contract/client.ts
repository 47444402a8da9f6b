// Minimal fetch wrapper for the emulator tests: raw status/text plus parsed JSON.
import { DEMO_USER } from '../fixtures/planner-seed';
import type { Emulator } from '../emulator/emulator';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** parsed body, undefined when empty or not JSON */
  json: unknown;
}

export interface CallOptions {
  /** null = no Authorization header */
  token?: string | null;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** send the body form-urlencoded instead of JSON */
  form?: boolean;
}

export async function call(base: string, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = o.token === undefined ? DEMO_USER.token : o.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.body) {
    if (o.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(Object.entries(o.body).map(([k, v]) => [k, String(v)])).toString();
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
  }
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  // An HTML error page or XML (the emulator's recorded mode) has no JSON: `json` stays undefined.
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text === '' || !isJson ? undefined : (JSON.parse(text) as unknown),
  };
}

/** Shorthand bound to an emulator's API base. */
export const api =
  (emu: Emulator) =>
  (method: string, path: string, o?: CallOptions): Promise<Reply> =>
    call(emu.apiBase, method, path, o);

export function asRecord(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

export function asArray(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v;
}
