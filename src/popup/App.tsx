// The popup: the token form when not connected; otherwise the account, the running
// timer (or a way to start one), anything that needs attention and the day's
// timesheet. Stale-while-revalidate: the first render uses what IndexedDB knows
// (popup.state, day.cached), TimeCamp's answer (day.refresh) replaces it quietly.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AttentionView, DaySheet, PopupState, TimerView, WeekTotal } from '../shared/protocol';
import { localDate } from '../shared/wall-clock';
import { readBefore } from '../shared/view-order';
import type { Connector } from './connector';
import { ConnectForm } from './ConnectForm';
import { AccountBar } from './AccountBar';
import { SyncLine } from './SyncLine';
import { RunningTimer } from './RunningTimer';
import { Attention } from './Attention';
import { Timesheet } from './Timesheet';
import { IdleQuestion } from './IdleQuestion';
import { Shortcuts } from './Shortcuts';
import { PlannerTab } from './PlannerTab';
import { t } from './i18n';
import { afterRefresh, answerWithin, refreshRetryDelayMs } from './refresh-retry';

/** performance.mark name of the first render with real content (tests read it) */
const FIRST_RENDER_MARK = 'popup-first-render';
/** pushes come in bursts (write, then drain): one refresh per burst */
const REFRESH_DELAY_MS = 300;

export function App({ connector, today = localDate(Date.now()) }: { connector: Connector; today?: string }) {
  const [state, setState] = useState<PopupState | null>(null);
  /** why the worker gave no state: null = it did; the worker's words, or "did not answer" */
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const [sheet, setSheet] = useState<DaySheet | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [week, setWeek] = useState<WeekTotal | null>(null);
  const [attention, setAttention] = useState<AttentionView[]>([]);
  const [notice, setNotice] = useState('');
  /** connected in this popup: say what to do next (issue 15) */
  const [justConnected, setJustConnected] = useState(false);
  const dateRef = useRef(date);
  dateRef.current = date;
  const marked = useRef(false);

  // Answers and pushes can arrive out of order: a view read earlier never replaces a newer one.
  const setView = (view: TimerView | null) =>
    view && setState((s) => (s && !readBefore(view.order, s.view.order) ? { ...s, view } : s));

  const cached = async (day: string) => {
    const next = await connector.cachedDay(day);
    if (next && next.date === dateRef.current) setSheet(next);
  };
  // Refreshes overlap (a burst of pushes while the outbox drains): only the newest answer
  // may be drawn, or a slow early answer would bring back rows marked "waiting to sync".
  const latestRefresh = useRef(0);
  // A failed or too slow refresh: the shown day stays, a line says so, and it is tried again.
  const [retrying, setRetrying] = useState(false);
  const failures = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = async (day: string) => {
    const ticket = ++latestRefresh.current;
    clearTimeout(retryTimer.current);
    setRefreshing(true);
    const next = await answerWithin(connector.refreshDay(day));
    if (day !== dateRef.current || ticket !== latestRefresh.current) return;
    setRefreshing(false);
    if (next) setSheet((shown) => afterRefresh(shown, next));
    const failed = next === null || next.error !== null;
    failures.current = failed ? failures.current + 1 : 0;
    setRetrying(failed);
    if (failed)
      retryTimer.current = setTimeout(() => void refresh(dateRef.current), refreshRetryDelayMs(failures.current));
    // The week after the day: the day's answer is what the user looks at first (offline: the last known week)
    const total = await connector.weekTotal(day);
    if (day === dateRef.current && ticket === latestRefresh.current) setWeek(total);
  };
  useEffect(() => () => clearTimeout(retryTimer.current), []);
  const loadAttention = async () => setAttention((await connector.attention()) ?? []);

  const reload = async () => {
    const [next] = await Promise.all([connector.state(), cached(dateRef.current)]);
    setUnreachable(next === null ? (connector.lastFailure() ?? t('popupWorkerUnreachable')) : null);
    if (!next) return;
    setState((s) => (s && readBefore(next.view.order, s.view.order) ? { ...next, view: s.view } : next));
    if (next.view.connected) {
      void refresh(dateRef.current);
      if (next.view.attention > 0) void loadAttention();
    }
  };

  // Layout effects run right after the first commit (plain effects wait for a frame):
  // the two IndexedDB-only requests start as early as the popup can send them.
  useLayoutEffect(() => {
    void reload();
  }, [connector]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = connector.onView((view) => {
      setView(view);
      clearTimeout(timer);
      timer = setTimeout(() => {
        void refresh(dateRef.current);
        void loadAttention();
      }, REFRESH_DELAY_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [connector]);

  const connected = !!state?.account && state.view.connected;
  useLayoutEffect(() => {
    if (!marked.current && state && (!connected || sheet)) {
      marked.current = true;
      performance.mark(FIRST_RENDER_MARK);
    }
  });

  if (!state) return <main class="popup">{unreachable ? <p role="alert">{unreachable}</p> : null}</main>;

  if (!state.account || !connected)
    return (
      <main class="popup">
        <ConnectForm
          connector={connector}
          waitingStart={state.waitingStart}
          expired={state.account !== null}
          onConnected={() => {
            setJustConnected(true);
            void reload();
          }}
        />
      </main>
    );

  const act = async (work: Promise<TimerView | null>) => {
    const view = await work;
    setNotice(view ? '' : (connector.lastFailure() ?? t('popupWorkerUnreachable')));
    setView(view);
    void cached(dateRef.current);
  };
  const goTo = (day: string) => {
    dateRef.current = day;
    setDate(day);
    setSheet(null);
    setWeek((w) => (w && w.from <= day && day <= w.to ? w : null));
    failures.current = 0; // another day: its refresh starts afresh
    setRetrying(false);
    void cached(day).then(() => refresh(day));
  };

  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('actionTitle')}</h1>
      <AccountBar
        account={state.account}
        onDisconnect={async () => {
          setJustConnected(false);
          await connector.disconnect();
          await reload();
        }}
      />
      <SyncLine
        pending={state.view.pending}
        retrying={state.view.retrying}
        offline={!navigator.onLine || !!sheet?.error}
        lastSyncMs={sheet?.fetchedAtMs ?? null}
        onRetry={async () => {
          await connector.syncNow();
          void refresh(dateRef.current);
        }}
      />
      {justConnected ? <p class="hint connected-hint">{t('connectedHint')}</p> : null}
      <RunningTimer
        view={state.view}
        connector={connector}
        recentKey={sheet?.fetchedAtMs}
        onStop={() => act(connector.stopTimer())}
        onStart={(task) => act(connector.startTimer(task))}
        onNote={(note) => act(connector.setNote(note))}
      />
      {state.idle && state.view.running ? (
        <IdleQuestion
          idle={state.idle}
          onChoose={async (choice) => {
            setState({ ...state, idle: null });
            await act(connector.resolveIdle(choice));
          }}
        />
      ) : null}
      {notice ? (
        <p class="error" role="alert">
          {notice}
        </p>
      ) : null}
      <Attention
        items={attention}
        onRetry={async (seq) => {
          await connector.retryAttention(seq);
          await loadAttention();
        }}
        onDiscard={async (seq) => {
          await connector.discardAttention(seq);
          await loadAttention();
        }}
      />
      {sheet ? (
        <Timesheet
          connector={connector}
          sheet={sheet}
          today={today}
          running={state.view.running}
          refreshing={refreshing}
          retrying={retrying}
          week={week}
          onDate={goTo}
          onChanged={() => void cached(dateRef.current)}
          onContinue={(task, note) => act(connector.startTimer(task, note))}
        />
      ) : (
        <p class="empty" role="status">
          {retrying ? t('popupRefreshRetryingNoReason') : refreshing ? t('popupRefreshing') : ''}
        </p>
      )}
      <PlannerTab connector={connector} />
      <Shortcuts />
    </main>
  );
}
