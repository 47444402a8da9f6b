// "TimeCamp answered with something unexpected — retrying in 2 min": the one line the
// Planner button and the popup show while the oldest unsent write waits to be tried again
// (issue 13). Each context passes its own i18n lookup.
import type { TimerView } from './protocol';

type Translate = (key: string, ...substitutions: string[]) => string;

export function retryLine(retrying: NonNullable<TimerView['retrying']>, nowMs: number, t: Translate): string {
  const seconds = Math.ceil((retrying.atMs - nowMs) / 1000);
  if (seconds <= 0) return t('syncRetryingNow', retrying.reason);
  const wait =
    seconds < 60 ? t('retryInSeconds', String(seconds)) : t('retryInMinutes', String(Math.ceil(seconds / 60)));
  return t('syncRetrying', retrying.reason, wait);
}
