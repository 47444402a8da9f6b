// This week's total (issue 15): Monday to Sunday of the shown day.
import { expect, test } from 'vitest';

const { mondayOf } = await import('../../../../src/background/timesheet/week-total');

test('the week starts on Monday, Sunday belongs to the week before it', () => {
  expect(mondayOf('2026-12-02')).toBe('2026-11-30'); // Wednesday
  expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // Monday
  expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
  expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year
  expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // a DST Sunday in Europe
});

test('an unconfirmed change of task shows the new task on the entry (issue 15)', async () => {
  const { overlay } = await import('../../../../src/background/timesheet/timesheet');
  const rows = overlay(
    '2026-12-02',
    [
      {
        id: '77',
        taskId: '9501',
        taskName: 'Write homepage copy',
        note: '',
        startTime: '09:00:00',
        endTime: '10:00:00',
        durationSec: 3600,
      },
    ],
    [
      {
        seq: 1,
        kind: 'updateEntry',
        userId: '1001',
        createdAtMs: 0,
        attempts: 0,
        nextAttemptAtMs: 0,
        maybeSent: false,
        lastError: null,
        target: { entryId: '77' },
        patch: { taskId: '8001', taskName: 'Meetings' },
      },
    ],
    {},
  );
  expect(rows[0]).toMatchObject({ taskId: '8001', taskName: 'Meetings', pending: true });
});
