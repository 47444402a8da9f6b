// "This Planner tab": the task the extension recognised in the active Planner tab and
// where its button is (in the task header, in the task view, or docked because
// Planner's layout was not recognised), with Copy diagnostics for a bug report.
// Shown only when the active tab is a Planner page with our content script.
import { useEffect, useState } from 'preact/hooks';
import type { TabDiagnostics } from '../shared/protocol';
import type { Connector } from './connector';
import { extensionApi } from './extension-api';
import { t } from './i18n';

/** What the user may paste into a bug report: no titles, no ids, no token */
export function diagnosticsText(seen: TabDiagnostics, version: string, userAgent: string): string {
  const { taskTitle: _title, plannerTaskId, ...rest } = seen;
  return JSON.stringify(
    { extension: version, browser: userAgent, taskInUrl: plannerTaskId !== null, ...rest },
    null,
    2,
  );
}

function where(seen: TabDiagnostics): string {
  if (seen.placement === 'headerLeft' || seen.placement === 'header' || seen.placement === 'progressBar')
    return t('tabInHeader');
  if (seen.placement === 'docked') return t('tabDocked');
  if (seen.placement === 'none') return t('tabLooking');
  return t('tabInView');
}

export function PlannerTab({ connector }: { connector: Connector }) {
  const [seen, setSeen] = useState<TabDiagnostics | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void connector.plannerTab().then(setSeen);
  }, [connector]);
  if (!seen) return null;

  const copy = async () => {
    const version = extensionApi().runtime.getManifest().version;
    await navigator.clipboard.writeText(diagnosticsText(seen, version, navigator.userAgent)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section class="planner-tab" aria-labelledby="planner-tab-heading">
      <h2 id="planner-tab-heading">{t('tabHeading')}</h2>
      {seen.plannerTaskId === null ? (
        <p class="hint">{t('tabNoTask')}</p>
      ) : (
        <>
          <p class="tab-task">{t('tabTask', seen.taskTitle || seen.plannerTaskId)}</p>
          <p class={seen.placement === 'docked' ? 'warn' : 'hint'}>{where(seen)}</p>
        </>
      )}
      <div class="tab-actions">
        <button type="button" class="link" onClick={copy}>
          {t('tabCopy')}
        </button>
        <span class="hint" role="status">
          {copied ? t('tabCopied') : ''}
        </span>
      </div>
    </section>
  );
}
