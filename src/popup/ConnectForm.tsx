// Connecting: one click with the TimeCamp login this browser already has, or paste the
// TimeCamp API token once (issue 15: both ways, an error that says what to do next).
import { useRef, useState } from 'preact/hooks';
import type { ConnectResult, PlannerTask } from '../shared/protocol';
import type { Connector } from './connector';
import { t } from './i18n';

/** Where TimeCamp shows the token (profile → "Your programming API token") */
const TOKEN_HELP_URL = 'https://app.timecamp.com/app#/settings/users/me';
/** TimeCamp's login page, offered when one-click connect found no session */
const LOGIN_URL = 'https://app.timecamp.com/auth/login';

type Failure = Extract<ConnectResult, { ok: false }>;

interface Props {
  connector: Connector;
  waitingStart: PlannerTask | null;
  /** a token was stored but TimeCamp stopped accepting it */
  expired: boolean;
  onConnected(): void;
}

export function ConnectForm({ connector, waitingStart, expired, onConnected }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<{ from: 'token' | 'session'; failure: Failure } | null>(null);
  const [busy, setBusy] = useState<'token' | 'session' | null>(null);

  const working = useRef(false);

  const run = async (how: 'token' | 'session') => {
    if (working.current) return; // one check at a time (the button stays focusable: see EntryForm)
    working.current = true;
    setBusy(how);
    setError(null);
    const result = how === 'token' ? await connector.connect(token) : await connector.connectSession();
    working.current = false;
    setBusy(null);
    if (!result)
      return setError({ from: how, failure: { ok: false, reason: 'failed', message: t('popupWorkerUnreachable') } });
    if (!result.ok) return setError({ from: how, failure: result }); // what the user typed stays in the field
    setToken('');
    onConnected();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void run('token');
  };

  const sessionError = error?.from === 'session' ? error.failure : null;
  const tokenError = error?.from === 'token' ? error.failure : null;
  // Only a token TimeCamp refused, or one of the wrong shape, marks the field invalid
  const invalid = tokenError?.reason === 'shape' || tokenError?.reason === 'rejected';

  return (
    <div class="connect">
      <h1>{t('connectTitle')}</h1>
      {expired ? <p class="warn">{t('connectExpired')}</p> : null}
      {waitingStart ? <p class="hint">{t('connectWaitingStart', waitingStart.title.slice(0, 120))}</p> : null}
      <button
        type="button"
        class="primary"
        aria-disabled={busy !== null}
        aria-describedby="session-hint session-error"
        onClick={() => void run('session')}
      >
        {busy === 'session' ? t('connectBusy') : t('connectWithLogin')}
      </button>
      <p id="session-hint" class="hint">
        {t('connectWithLoginHint')}
      </p>
      <p id="session-error" class="error" role="alert">
        {sessionError?.message ?? ''}
        {sessionError?.reason === 'noSession' ? (
          <>
            {' '}
            <a href={LOGIN_URL} target="_blank" rel="noopener noreferrer">
              {t('connectLogIn')}
            </a>
          </>
        ) : null}
      </p>
      <form class="connect token-form" onSubmit={submit} aria-busy={busy === 'token'}>
        <h2 id="token-way">{t('connectOrToken')}</h2>
        <label for="token">{t('connectTokenLabel')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          value={token}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'token-error token-help' : 'token-help token-error'}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        <p id="token-help" class="hint">
          {t('connectTokenHelp')}{' '}
          <a href={TOKEN_HELP_URL} target="_blank" rel="noopener noreferrer">
            {t('connectTokenHelpLink')}
          </a>
        </p>
        <p id="token-error" class="error" role="alert">
          {tokenError?.message ?? ''}
        </p>
        <button type="submit" aria-disabled={busy !== null}>
          {busy === 'token' ? t('connectBusy') : t('connectButton')}
        </button>
      </form>
    </div>
  );
}
