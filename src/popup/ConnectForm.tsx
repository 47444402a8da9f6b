// Token authorization: paste the TimeCamp API token once.
import { useRef, useState } from 'preact/hooks';
import type { PlannerTask } from '../shared/protocol';
import type { Connector } from './connector';
import { t } from './i18n';

/** Where TimeCamp shows the token (profile → "Your programming API token") */
const TOKEN_HELP_URL = 'https://app.timecamp.com/app#/settings/users/me';

interface Props {
  connector: Connector;
  waitingStart: PlannerTask | null;
  /** a token was stored but TimeCamp stopped accepting it */
  expired: boolean;
  onConnected(): void;
}

export function ConnectForm({ connector, waitingStart, expired, onConnected }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const working = useRef(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (working.current) return; // one check at a time (the button stays focusable: see EntryForm)
    working.current = true;
    setBusy(true);
    setError(null);
    const result = await connector.connect(token);
    working.current = false;
    setBusy(false);
    if (!result) return setError(t('popupWorkerUnreachable'));
    if (!result.ok) return setError(result.message); // what the user typed stays in the field
    setToken('');
    onConnected();
  };

  return (
    <form class="connect" onSubmit={submit} aria-busy={busy}>
      <h1>{t('connectTitle')}</h1>
      {expired ? <p class="warn">{t('connectExpired')}</p> : null}
      {waitingStart ? <p class="hint">{t('connectWaitingStart', waitingStart.title.slice(0, 120))}</p> : null}
      <label for="token">{t('connectTokenLabel')}</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        required
        value={token}
        aria-invalid={error !== null}
        aria-describedby="token-help token-error"
        onInput={(e) => setToken((e.target as HTMLInputElement).value)}
      />
      <p id="token-help" class="hint">
        {t('connectTokenHelp')}{' '}
        <a href={TOKEN_HELP_URL} target="_blank" rel="noopener noreferrer">
          {t('connectTokenHelpLink')}
        </a>
      </p>
      <p id="token-error" class="error" role="alert">
        {error ?? ''}
      </p>
      <button type="submit" class="primary" aria-disabled={busy}>
        {busy ? t('connectBusy') : t('connectButton')}
      </button>
    </form>
  );
}
