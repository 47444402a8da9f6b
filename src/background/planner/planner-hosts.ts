// Planner on other hosts (options page): the content script is registered there
// only for hosts the user granted, and the router accepts messages from exactly
// those origins. The built-in hosts come from the manifest (src/shared/planner.ts).
import browser from 'webextension-polyfill';
import { PLANNER_ORIGINS, everyPageOf } from '../../shared/planner';
import { readSettings } from '../storage/settings';

const SCRIPT_ID = 'planner-custom-hosts';

/** The origins the router trusts; updated in place so the router always reads the current list */
export const plannerOrigins: string[] = [...PLANNER_ORIGINS];

async function grantedHosts(): Promise<string[]> {
  const { plannerHosts } = await readSettings();
  const granted: string[] = [];
  for (const host of plannerHosts)
    if (await browser.permissions.contains({ origins: [`https://${host}/*`] }).catch(() => false)) granted.push(host);
  return granted;
}

/** The router's origins in line with the settings and the granted permissions */
export async function updatePlannerOrigins(): Promise<string[]> {
  const hosts = await grantedHosts();
  plannerOrigins.splice(0, plannerOrigins.length, ...PLANNER_ORIGINS, ...hosts.map((h) => `https://${h}`));
  return hosts;
}

/** …and the registered content script too (after a settings or permission change) */
export async function applyPlannerHosts(): Promise<void> {
  const hosts = await updatePlannerOrigins();
  // Firefox for Android may lack scripting; without hosts nothing is registered.
  const scripting = browser.scripting;
  if (!scripting) return;
  const registered = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (registered.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] }).catch(() => undefined);
  if (hosts.length === 0) return;
  await scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: hosts.map(everyPageOf),
      js: ['content.js'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}
