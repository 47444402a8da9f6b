// Helpers for the popup's component tests: mount, find by what users read, type, click.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser, installChrome } from '../fakes/browser';

export { en } from '../fakes/browser';

/** The popup reads `chrome` (the shared browser fake) and answers in English, so tests read the words users see */
export function installExtensionApi(): void {
  installChrome();
  fakeBrowser.language = 'en';
}

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
