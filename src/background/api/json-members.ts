// The members of one JSON array or object, each handed over as its own text while
// the answer arrives. GET /tasks sends a 50,000-task account as one ~28 MB answer:
// read whole and parsed whole, it took ~3 times its size of heap at once (issue 17
// item 4). Split here, each member is parsed and checked alone (wire-schemas.ts) and
// the text is dropped as it is read. Only the top level is scanned; JSON.parse judges
// each member, this judges what lies between them.

/** The text is not one JSON array or object: said in words, never with the text itself */
export class NotJson extends Error {
  override readonly name = 'NotJson';
}

export interface JsonMembers {
  /** the next piece of the text */
  push(text: string): void;
  /** the text ended: throws NotJson unless it held one whole array or object */
  end(): void;
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** JSON's own whitespace, between and inside members */
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** Before and after the whole: whatever trim() removes, as a whole answer's reading allowed */
const isOuterSpace = (c: number) => isSpace(c) || String.fromCharCode(c).trim() === '';

/** What the next character outside a member may be */
type Expect =
  | 'open' // the first '[' or '{'
  | 'firstOrClose' // a member (a key in an object), or the closing bracket of an empty one
  | 'key'
  | 'colon'
  | 'value'
  | 'commaOrClose'
  | 'nothing'; // after the closing bracket

/**
 * `onMember(key, text)`: key is the member's name in an object, its index in an array;
 * text its value's JSON, unparsed. What `onMember` throws stops the reading.
 */
export function jsonMembers(onMember: (key: string, text: string) => void): JsonMembers {
  let container: 'array' | 'object' | null = null;
  let expect: Expect = 'open';
  let index = 0;
  let key = '';
  /** unread text, from the start of the member being scanned (if any) */
  let buffer = '';
  let at = 0;
  // The member being scanned: where it starts in `buffer` (-1: none); the rest is set by begin()
  let start = -1;
  let member: 'key' | 'value';
  let depth: number;
  let inString: boolean;
  let escaped: boolean;
  let scalar: boolean;

  const fail = (what: string): never => {
    throw new NotJson(what);
  };
  const closes = (c: number) => c === (container === 'array' ? CLOSE_BRACKET : CLOSE_BRACE);

  function finish(end: number): void {
    const text = buffer.slice(start, end);
    start = -1;
    if (member === 'key') {
      key = JSON.parse(text) as string;
      expect = 'colon';
      return;
    }
    onMember(container === 'array' ? String(index++) : key, text);
    expect = 'commaOrClose';
  }

  /** Scans the member from `at`; true when it ended within the buffer */
  function scan(): boolean {
    const n = buffer.length;
    if (scalar) {
      // true, false, null or a number: it ends where a separator or a space begins
      for (; at < n; at++) {
        const c = buffer.charCodeAt(at);
        if (c === COMMA || isSpace(c) || closes(c)) return true;
      }
      return false;
    }
    for (; at < n; at++) {
      const c = buffer.charCodeAt(at);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 0) {
            at++;
            return true;
          }
        }
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          at++;
          return true;
        }
      }
    }
    return false;
  }

  function begin(kind: 'key' | 'value'): void {
    const c = buffer.charCodeAt(at);
    start = at;
    member = kind;
    depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
    inString = c === QUOTE;
    escaped = false;
    if (kind === 'key' && !inString) fail('a name in the object is not a string');
    scalar = depth === 0 && !inString;
    if (scalar && (c === COMMA || c === COLON || c === CLOSE_BRACE || c === CLOSE_BRACKET)) fail('a member is missing');
    at++;
  }

  function read(): void {
    const n = buffer.length;
    while (at < n) {
      if (start >= 0) {
        if (!scan()) return;
        finish(at);
        continue;
      }
      const c = buffer.charCodeAt(at);
      if (expect === 'open' || expect === 'nothing' ? isOuterSpace(c) : isSpace(c)) {
        at++;
        continue;
      }
      switch (expect) {
        case 'open':
          if (c === OPEN_BRACKET) container = 'array';
          else if (c === OPEN_BRACE) container = 'object';
          else fail(c === LESS_THAN ? 'an HTML page instead of JSON' : 'not a JSON list');
          expect = 'firstOrClose';
          at++;
          break;
        case 'firstOrClose':
          if (closes(c)) {
            expect = 'nothing';
            at++;
          } else begin(container === 'object' ? 'key' : 'value');
          break;
        case 'key':
          begin('key');
          break;
        case 'colon':
          if (c !== COLON) fail('a name in the object has no value');
          expect = 'value';
          at++;
          break;
        case 'value':
          begin('value');
          break;
        case 'commaOrClose':
          if (c === COMMA) expect = container === 'object' ? 'key' : 'value';
          else if (closes(c)) expect = 'nothing';
          else fail('members are not separated by commas');
          at++;
          break;
        case 'nothing':
          fail('more text after the end');
      }
    }
  }

  return {
    push(text) {
      buffer += text;
      try {
        read();
      } catch (e) {
        if (e instanceof SyntaxError) fail('a member is not valid JSON');
        throw e;
      }
      // Keep only the member still being scanned: the text before it is read, and dropped.
      if (start < 0) {
        buffer = '';
        at = 0;
      } else {
        buffer = buffer.slice(start);
        at -= start;
        start = 0;
      }
    },
    end() {
      if (expect !== 'nothing') fail(expect === 'open' ? 'empty' : 'the text ended early');
    },
  };
}
