import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type ApiErrorKind,
  isApiError,
  isTransient,
  mayHaveReachedServer,
} from '../../../../src/background/api/errors';
import { parseRetryAfter } from '../../../../src/background/api/http';

const ALL: ApiErrorKind[] = [
  'unauthorized',
  'forbidden',
  'notFound',
  'badRequest',
  'rateLimited',
  'server',
  'network',
  'timeout',
  'malformed',
];

describe('ApiError', () => {
  it('is recognised by isApiError and is an Error', () => {
    const e = new ApiError('server', { status: 500 });
    expect(isApiError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ApiError');
    expect(isApiError(new Error('x'))).toBe(false);
    expect(isApiError({ kind: 'server' })).toBe(false);
  });

  it('fills defaults', () => {
    expect(new ApiError('network')).toMatchObject({ status: null, retryAfterMs: null, serverMessage: null });
  });

  it('classifies every kind as transient or not', () => {
    const transient = ALL.filter((k) => isTransient(new ApiError(k)));
    expect(transient).toEqual(['rateLimited', 'server', 'network', 'timeout', 'malformed']);
  });

  it('says "maybe reached the server" only where no definite refusal came back', () => {
    const maybe = ALL.filter((k) => mayHaveReachedServer(new ApiError(k)));
    expect(maybe).toEqual(['server', 'network', 'timeout', 'malformed']);
  });

  it('gives every kind a distinct short English message', () => {
    const messages = ALL.map((k) => new ApiError(k).message);
    expect(new Set(messages).size).toBe(ALL.length);
    for (const m of messages) expect(m).toMatch(/^TimeCamp .{5,80}$/);
  });
});

// The message is what the logs and "Copy diagnostics" carry; users read error-text.ts's sentences.
describe('the English message for logs', () => {
  it("names TimeCamp's own reason, the HTTP status and the technical detail when there are any", () => {
    expect(new ApiError('notFound', { serverMessage: 'Task 12 does not exist' }).message).toBe(
      'TimeCamp could not find what was asked for: Task 12 does not exist',
    );
    expect(new ApiError('notFound').message).toBe('TimeCamp could not find what was asked for');
    expect(new ApiError('timeout', { reason: 'no answer in 15 s' }).message).toBe(
      'TimeCamp did not answer in time (no answer in 15 s)',
    );
    expect(new ApiError('timeout').message).toBe('TimeCamp did not answer in time');
    expect(new ApiError('server', { status: 503 }).message).toBe('TimeCamp had a server problem (HTTP 503)');
    expect(new ApiError('server').message).toBe('TimeCamp had a server problem');
    expect(new ApiError('server', { status: 503 }).status).toBe(503);
  });
});

describe("TimeCamp's own reason (serverMessage, shown to users)", () => {
  const said = (serverMessage: string) => new ApiError('badRequest', { serverMessage }).serverMessage;

  it('is one readable line', () => {
    expect(said('  Task\n\tis\u0000 archived  ')).toBe('Task is archived');
  });

  it('blank or markup is no reason: an HTML page is never shown', () => {
    expect(said(' \n ')).toBeNull();
    expect(said('Task<br>not found')).toBeNull();
    expect(said('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>')).toBeNull();
    expect(said('a < b and c > d')).toBe('a < b and c > d');
  });

  it('is cut to 300 characters with an ellipsis, and not before', () => {
    expect(said('x'.repeat(300))).toBe('x'.repeat(300));
    expect(said('x'.repeat(301))).toBe(`${'x'.repeat(299)}…`);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 30 ', 30_000],
    ['Thu, 01 Jan 2026 10:01:00 GMT', 60_000],
    ['Thu, 01 Jan 2026 09:00:00 GMT', 0],
    ['5.5', null],
    ['-1', null],
    ['soon', null],
    ['', null],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
  it('null header → null', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
