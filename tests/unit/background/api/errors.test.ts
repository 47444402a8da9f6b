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
