// Texts from TimeCamp or Planner can be any length (a 10,000-character note, a
// pasted task title). The protocol caps what one message carries, so every view
// the worker builds cuts them here, for display: a long text is shown cut with
// "…", never a reason for the receiver to refuse the whole answer (issue 13).
// No imports: the content script uses it too, and must not pull in zod.

/** The longest text one message carries (protocol.ts): notes and task titles */
export const MAX_TITLE = 2000;
/** task names, breadcrumb parts, emails, messages */
export const MAX_NAME = 500;
/** breadcrumb parts in one message */
export const MAX_CRUMBS = 8;

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate pair */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate without its low half
  return `${text.slice(0, end)}…`;
}

/** task names, breadcrumb parts, emails, messages */
export const clipName = (text: string): string => clip(text, MAX_NAME);
/** notes and task titles */
export const clipTitle = (text: string): string => clip(text, MAX_TITLE);
