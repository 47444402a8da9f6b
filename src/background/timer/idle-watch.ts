// Idle time: when the computer sat idle longer than the user's threshold while
// a timer ran, the user decides on return (popup): keep the time, discard the
// idle stretch (the entry is cut at the idle start and a new one starts at the
// return), or stop at the idle start. Nothing changes until they choose.
import browser from 'webextension-polyfill';
import { read, remove, setRecord, write, writeAll, type IdlePrompt } from '../storage/records';
import { readSettings } from '../storage/settings';
import { startTimer, stopTimer } from './timer-service';
import { currentTimeZone, wallClock } from '../../shared/wall-clock';

/** Chrome's shortest idle detection interval */
const MIN_DETECTION_S = 15;

export type IdleChoice = 'keep' | 'discard' | 'stop';

export async function applyIdleSettings(): Promise<void> {
  const { idleMinutes } = await readSettings();
  if (idleMinutes > 0) browser.idle.setDetectionInterval(Math.max(MIN_DETECTION_S, idleMinutes * 60));
}

/** Returns true when a prompt appeared (the UI should be told) */
export async function onIdleStateChanged(state: string, nowMs = Date.now()): Promise<boolean> {
  const [{ idleMinutes }, timer] = await Promise.all([readSettings(), read('timer')]);
  if (!timer || idleMinutes === 0) {
    await remove('idleSince');
    return false;
  }
  if (state === 'idle' || state === 'locked') {
    if (!(await read('idleSince'))) {
      // "idle" fires after the detection interval without input: the idle stretch began then.
      const sinceMs = state === 'idle' ? nowMs - Math.max(MIN_DETECTION_S, idleMinutes * 60) * 1000 : nowMs;
      await write('idleSince', { runId: timer.runId, sinceMs: Math.max(sinceMs, timer.startedAt.ms) });
    }
    return false;
  }
  const since = await read('idleSince');
  if (!since || since.runId !== timer.runId || nowMs - since.sinceMs < idleMinutes * 60_000) {
    await remove('idleSince');
    return false;
  }
  // One write: the clock watch (clock-watch.ts) sees the idle stretch or the question, never neither.
  const prompt = { runId: timer.runId, idleStartMs: since.sinceMs, idleEndMs: nowMs };
  await writeAll([setRecord('idleSince', null), setRecord('idlePrompt', prompt)]);
  return true;
}

/** The open question, if the timer it was about still runs */
export async function idlePrompt(): Promise<IdlePrompt | null> {
  const [prompt, timer] = await Promise.all([read('idlePrompt'), read('timer')]);
  return prompt && timer?.runId === prompt.runId ? prompt : null;
}

export async function resolveIdle(userId: string, choice: IdleChoice): Promise<void> {
  const prompt = await idlePrompt();
  await remove('idlePrompt');
  const timer = await read('timer');
  if (!prompt || !timer || choice === 'keep') return;
  await stopTimer(userId, prompt.idleStartMs);
  if (choice === 'discard') {
    const at = { ms: prompt.idleEndMs, wall: wallClock(prompt.idleEndMs), tz: currentTimeZone() };
    await startTimer(userId, timer.task, timer.note, at);
  }
}
