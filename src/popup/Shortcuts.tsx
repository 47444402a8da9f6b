// The keyboard shortcuts as the browser has them now (the user may have changed them).
import { useEffect, useState } from 'preact/hooks';
import { extensionApi } from './extension-api';
import { t } from './i18n';

export function Shortcuts() {
  const [text, setText] = useState('');
  useEffect(() => {
    void extensionApi()
      .commands?.getAll()
      .then((commands) => {
        // Chrome reports no description for the built-in "open the popup" command.
        const describe = (c: { name?: string; description?: string }) =>
          c.name === '_execute_action' ? t('commandPopup') : (c.description ?? '');
        const set = commands.filter((c) => c.shortcut).map((c) => `${c.shortcut} — ${describe(c)}`);
        setText(set.length ? t('popupShortcuts', set.join(' · ')) : t('popupShortcutsNone'));
      })
      .catch(() => undefined);
  }, []);
  return text ? <footer class="shortcuts">{text}</footer> : null;
}
