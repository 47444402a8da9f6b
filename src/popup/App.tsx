// The popup: the token form when not connected; otherwise the account, the
// running timer and (issue #5) today's timesheet.
import { useEffect, useState } from 'preact/hooks';
import type { PopupState } from '../shared/protocol';
import type { Connector } from './connector';
import { ConnectForm } from './ConnectForm';
import { AccountBar } from './AccountBar';
import { RunningTimer } from './RunningTimer';
import { t } from './i18n';

export function App({ connector }: { connector: Connector }) {
  const [state, setState] = useState<PopupState | null>(null);
  const [unreachable, setUnreachable] = useState(false);

  const reload = async () => {
    const next = await connector.state();
    setUnreachable(next === null);
    if (next) setState(next);
  };

  useEffect(() => {
    void reload();
    return connector.onView((view) => setState((s) => (s ? { ...s, view } : s)));
  }, [connector]);

  if (!state) return <main class="popup">{unreachable ? <p role="alert">{t('popupWorkerUnreachable')}</p> : null}</main>;

  if (!state.account || !state.view.connected)
    return (
      <main class="popup">
        <ConnectForm connector={connector} waitingStart={state.waitingStart} expired={state.account !== null} onConnected={reload} />
      </main>
    );

  return (
    <main class="popup">
      <AccountBar account={state.account} pending={state.view.pending} onDisconnect={async () => {
        await connector.disconnect();
        await reload();
      }} />
      <RunningTimer view={state.view} onStop={async () => {
        const view = await connector.stopTimer();
        if (view) setState({ ...state, view });
      }} />
    </main>
  );
}
