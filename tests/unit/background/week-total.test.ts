// This week's total (issue 15): Monday to Sunday of the shown day.
import { expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { mondayOf } = await import('../../../src/background/week-total');

test('the week starts on Monday, Sunday belongs to the week before it', () => {
  expect(mondayOf('2026-12-02')).toBe('2026-11-30'); // Wednesday
  expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // Monday
  expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
  expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year
  expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // a DST Sunday in Europe
});
