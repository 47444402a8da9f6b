// Small node:http helpers shared by the API and control routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Body = Record<string, unknown>;

/** Permissive CORS: the extension (or a page) may call the emulator directly. */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, X-Client-Name',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Allow-Private-Network': 'true',
  'Access-Control-Max-Age': '600',
};

export class BadBody extends Error {}

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON or form-urlencoded (clients use both); anything else is treated as form. */
export function parseBody(raw: string, contentType: string | undefined): Body {
  if (raw.trim() === '') return {};
  const looksJson = (contentType ?? '').includes('json') || /^\s*[{[]/.test(raw);
  if (looksJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BadBody('Invalid JSON body');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new BadBody('Body must be a JSON object');
    return parsed as Body;
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** `body === undefined` sends an empty body (TimeCamp does that for DELETE /timer). */
export function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...CORS_HEADERS, ...extra });
  res.end(text);
}

/** A body that is not JSON (an HTML error page, XML), as is */
export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType, ...CORS_HEADERS });
  res.end(status === 204 ? '' : text);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Scalars from a JSON or form body as strings; objects/arrays are not scalars. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
