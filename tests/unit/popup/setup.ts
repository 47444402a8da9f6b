// jsdom has no extension APIs: i18n answers from the real en messages, so tests
// read the words users see (and a missing key shows up as the bare key).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';

const messages = JSON.parse(readFileSync(join(process.cwd(), 'extension/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

export function installExtensionApi(): void {
  (globalThis as unknown as { chrome: unknown }).chrome = {
    i18n: {
      getMessage: (key: string, subs: string[] = []) =>
        messages[key]?.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '') ?? '',
    },
    runtime: { getManifest: () => ({ version: '0.0.0-test' }) },
  };
}

export const en = (key: string) => messages[key]!.message;

/** Let connector promises, preact's debounced renders and effects run */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 4; i++) await act(() => new Promise<void>((r) => setTimeout(r, ms)));
}

export function mount(vnode: preact.VNode): { root: HTMLElement; unmount(): void } {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(vnode, root));
  return {
    root,
    unmount: () => {
      render(null, root);
      root.remove();
    },
  };
}

export function byText(root: ParentNode, selector: string, text: string | RegExp): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>(selector)].find((el) =>
    typeof text === 'string' ? el.textContent?.includes(text) : text.test(el.textContent ?? ''),
  );
  if (!found)
    throw new Error(
      `no ${selector} with ${text}; have: ${[...root.querySelectorAll(selector)].map((e) => e.textContent).join(' | ')}`,
    );
  return found;
}

export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found)
    throw new Error(
      `no button "${name}"; have: ${[...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent).join(' | ')}`,
    );
  return found;
}

export function field(root: ParentNode, label: string): HTMLInputElement {
  for (const input of root.querySelectorAll<HTMLInputElement>('input')) {
    const name =
      input.getAttribute('aria-label') ??
      input.labels?.[0]?.querySelector('span')?.textContent ??
      input.labels?.[0]?.textContent;
    if (name === label) return input;
  }
  throw new Error(`no field "${label}"`);
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => void el.click());
  await settle();
}
