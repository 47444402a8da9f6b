// Where the docked button goes: the first corner of the window (bottom right, bottom left,
// top right, top left) whose area holds none of the page's own controls, so it never covers
// them. Looked at once per docking (a handful of elementFromPoint calls), never per mutation.

export type Corner = 'br' | 'bl' | 'tr' | 'tl';

const CORNERS: readonly Corner[] = ['br', 'bl', 'tr', 'tl'];
const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,[role="button"],[role="link"],[role="tab"],[role="menuitem"],[tabindex],[contenteditable]:not([contenteditable="false"])';
/** The docked button's footprint (about its width and height at 100 % zoom), and the margin to the edges */
const WIDTH = 320;
const HEIGHT = 48;
const MARGIN = 16;

function covers(corner: Corner, host: Element): boolean {
  if (typeof document.elementsFromPoint !== 'function') return false; // jsdom
  const w = innerWidth;
  const h = innerHeight;
  const left = corner.endsWith('l') ? MARGIN : Math.max(0, w - MARGIN - WIDTH);
  const top = corner.startsWith('t') ? MARGIN : Math.max(0, h - MARGIN - HEIGHT);
  for (const fx of [0.05, 0.5, 0.95])
    for (const fy of [0.1, 0.9]) {
      const hits = document.elementsFromPoint(left + fx * WIDTH, top + fy * HEIGHT);
      const page = hits.find((e) => e !== host && !host.contains(e));
      if (page?.closest(INTERACTIVE)) return true;
    }
  return false;
}

/** The first corner free of the page's controls; bottom right when none is */
export function freeCorner(host: Element): Corner {
  return CORNERS.find((corner) => !covers(corner, host)) ?? 'br';
}
