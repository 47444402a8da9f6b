// Idle time: when the computer sat idle longer than the user's threshold while
// a timer ran, the user decides on return (popup): keep the time, discard the
// idle stretch (the entry is cut at the idle start and a new one starts at the
// return), or stop at the idle start. Nothing changes until they choose.
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { db } from '../storage/db';
import { read } from '../storage/records';
import { readSettings } from '../storage/settings';
import { startTimer, stopTimer } from './timer-service';
import { currentTimeZone, wallClock } from '../../shared/wall-clock';

const IDLE_SINCE = 'idleSince';
const IDLE_PROMPT = 'idlePrompt';
/** Chrome's shortest idle detection interval */
const MIN_DETECTION_S = 15;

const IdleSince = z.object({ runId: z.string(), sinceMs: z.number() });
export const IdlePrompt = z.object({ runId: z.string(), idleStartMs: z.number(), idleEndMs: z.number() });
export type IdlePrompt = z.infer<typeof IdlePrompt>;
export type IdleChoice = 'keep' | 'discard' | 'stop';

async function get<T>(schema: z.ZodMiniType<T>, key: string): Promise<T | null> {
  const parsed = z.safeParse(schema, await (await db()).get('kv', key));
  return parsed.success ? parsed.data : null;
}

export async function applyIdleSettings(): Promise<void> {
  const { idleMinutes } = await readSettings();
  if (idleMinutes > 0) browser.idle.setDetectionInterval(Math.max(MIN_DETECTION_S, idleMinutes * 60));
}

/** Returns true when a prompt appeared (the UI should be told) */
export async function onIdleStateChanged(state: string, nowMs = Date.now()): Promise<boolean> {
  const [{ idleMinutes }, timer] = await Promise.all([readSettings(), read('timer')]);
  const database = await db();
  if (!timer || idleMinutes === 0) {
    await database.delete('kv', IDLE_SINCE);
    return false;
  }
  if (state === 'idle' || state === 'locked') {
    if (!(await get(IdleSince, IDLE_SINCE))) {
      // "idle" fires after the detection interval without input: the idle stretch began then.
      const sinceMs = state === 'idle' ? nowMs - Math.max(MIN_DETECTION_S, idleMinutes * 60) * 1000 : nowMs;
      await database.put('kv', { runId: timer.runId, sinceMs: Math.max(sinceMs, timer.startedAt.ms) }, IDLE_SINCE);
    }
    return false;
  }
  const since = await get(IdleSince, IDLE_SINCE);
  await database.delete('kv', IDLE_SINCE);
  if (!since || since.runId !== timer.runId || nowMs - since.sinceMs < idleMinutes * 60_000) return false;
  await database.put(
    'kv',
    { runId: timer.runId, idleStartMs: since.sinceMs, idleEndMs: nowMs } satisfies IdlePrompt,
    IDLE_PROMPT,
  );
  return true;
}

/** The open question, if the timer it was about still runs */
export async function idlePrompt(): Promise<IdlePrompt | null> {
  const [prompt, timer] = await Promise.all([get(IdlePrompt, IDLE_PROMPT), read('timer')]);
  return prompt && timer?.runId === prompt.runId ? prompt : null;
}

export async function resolveIdle(userId: string, choice: IdleChoice): Promise<void> {
  const prompt = await idlePrompt();
  await (await db()).delete('kv', IDLE_PROMPT);
  const timer = await read('timer');
  if (!prompt || !timer || choice === 'keep') return;
  await stopTimer(userId, prompt.idleStartMs);
  if (choice === 'discard') {
    const at = { ms: prompt.idleEndMs, wall: wallClock(prompt.idleEndMs), tz: currentTimeZone() };
    await startTimer(userId, timer.task, timer.note, at);
  }
}
