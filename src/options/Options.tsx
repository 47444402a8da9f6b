// Options: TimeCamp server, extra Planner hosts, note, idle threshold, badge.
// Each field is validated on its own; a new host asks for its permission here,
// at the moment the user saves (permission requests need a user gesture).
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, parseSettings, originPattern, type Settings, type SettingName } from '../shared/settings';

const KEY = 'settings';
const t = (key: string, ...subs: string[]) => browser.i18n.getMessage(key, subs) || key;

type Draft = { apiBaseUrl: string; plannerHosts: string; noteIsTitle: boolean; idleMinutes: string; badge: boolean };

const toDraft = (s: Settings): Draft => ({
  ...s,
  plannerHosts: s.plannerHosts.join('\n'),
  idleMinutes: String(s.idleMinutes),
});

export function Options() {
  const [draft, setDraft] = useState<Draft>(toDraft(DEFAULT_SETTINGS));
  const [errors, setErrors] = useState<SettingName[]>([]);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void browser.storage.local.get(KEY).then((stored) => setDraft(toDraft(parseSettings(stored[KEY]).settings)));
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const candidate = {
      apiBaseUrl: draft.apiBaseUrl.trim().replace(/\/+$/, ''),
      plannerHosts: draft.plannerHosts
        .split(/[\s,]+/)
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      noteIsTitle: draft.noteIsTitle,
      idleMinutes: Number(draft.idleMinutes),
      badge: draft.badge,
    };
    const { settings, invalid } = parseSettings(candidate);
    setErrors(invalid);
    if (invalid.length) return setStatus(t('optionsFixFields'));
    const origins = [
      ...(settings.apiBaseUrl === DEFAULT_SETTINGS.apiBaseUrl ? [] : [originPattern(settings.apiBaseUrl)]),
      ...settings.plannerHosts.map((host) => `https://${host}/*`),
    ];
    if (origins.length) {
      const granted = await browser.permissions.request({ origins }).catch(() => false);
      if (!granted) return setStatus(t('optionsPermissionDenied'));
    }
    await browser.storage.local.set({ [KEY]: settings });
    setStatus(t('optionsSaved'));
  };

  const field = (name: SettingName) => ({ 'aria-invalid': errors.includes(name), 'aria-describedby': `${name}-help` });

  return (
    <form class="options" onSubmit={save}>
      <h1>{t('optionsTitle')}</h1>
      <label for="apiBaseUrl">{t('optionsApiBaseUrl')}</label>
      <input
        id="apiBaseUrl"
        type="url"
        value={draft.apiBaseUrl}
        {...field('apiBaseUrl')}
        onInput={(e) => setDraft({ ...draft, apiBaseUrl: (e.target as HTMLInputElement).value })}
      />
      <p id="apiBaseUrl-help" class="hint">
        {t('optionsApiBaseUrlHelp')}
      </p>

      <label for="plannerHosts">{t('optionsPlannerHosts')}</label>
      <textarea
        id="plannerHosts"
        rows={2}
        value={draft.plannerHosts}
        {...field('plannerHosts')}
        onInput={(e) => setDraft({ ...draft, plannerHosts: (e.target as HTMLTextAreaElement).value })}
      />
      <p id="plannerHosts-help" class="hint">
        {t('optionsPlannerHostsHelp')}
      </p>

      <label class="check">
        <input
          type="checkbox"
          checked={draft.noteIsTitle}
          onChange={(e) => setDraft({ ...draft, noteIsTitle: (e.target as HTMLInputElement).checked })}
        />
        {t('optionsNoteIsTitle')}
      </label>

      <label for="idleMinutes">{t('optionsIdleMinutes')}</label>
      <input
        id="idleMinutes"
        type="number"
        min={0}
        max={240}
        step={1}
        value={draft.idleMinutes}
        {...field('idleMinutes')}
        onInput={(e) => setDraft({ ...draft, idleMinutes: (e.target as HTMLInputElement).value })}
      />
      <p id="idleMinutes-help" class="hint">
        {t('optionsIdleMinutesHelp')}
      </p>

      <label class="check">
        <input
          type="checkbox"
          checked={draft.badge}
          onChange={(e) => setDraft({ ...draft, badge: (e.target as HTMLInputElement).checked })}
        />
        {t('optionsBadge')}
      </label>

      <p class="status" role="status">
        {status}
      </p>
      <button type="submit" class="primary">
        {t('optionsSave')}
      </button>
    </form>
  );
}
