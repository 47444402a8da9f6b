import { useEffect, useState } from 'preact/hooks';

/** Date.now(), re-read every second while `active` (a running timer's clock and the day's total) */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}
