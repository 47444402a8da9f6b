// GET /tasks?status=all read as it arrives (client.taskTree, issue 17 item 4): the
// answer is split into its members and each is parsed, checked and cut down alone,
// so a 28 MB tree is never one string. Whatever pieces the network cuts it into, the
// tasks must be those the whole answer gives (client.tasks), and a bad answer must
// fail as one.
import fc from 'fast-check';
import { propertyRuns } from '../../property-runs';
import { describe, expect, it } from 'vitest';
import { createTimeCampClient } from '../../../../src/background/api/client';
import { MAX_BODY_BYTES } from '../../../../src/background/api/http';
import { jsonMembers, NotJson } from '../../../../src/background/api/json-members';
import { json } from './fake-fetch';

const BASE = 'https://tc.test/third_party/api';

/** A client whose every request gets `answer`, its bytes cut at `cuts` */
function clientAnswering(answer: () => Response) {
  return createTimeCampClient({ baseUrl: BASE, token: 'tok3n-abc123', fetch: (async () => answer()) as typeof fetch });
}
function inPieces(text: string, cuts: number[], status = 200): Response {
  const bytes = new TextEncoder().encode(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...at, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i ? ends[i - 1] : 0, end));
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
}

const wireTask = fc.record({
  task_id: fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }).map(String)),
  parent_id: fc.oneof(fc.constantFrom(0, '0', '', null), fc.integer({ min: 1, max: 1e9 })),
  // names with quotes, backslashes, brackets, commas and characters of several bytes
  name: fc.string({ unit: fc.constantFrom('a', 'Ż', '"', '\\', '{', ']', ',', ':', ' ', '\n', '😀', 'é') }),
  external_task_id: fc.constantFrom(null, false, '', 'task_5001'),
  external_parent_id: fc.constantFrom(null, 'list_1'),
  level: fc.oneof(fc.nat(9), fc.nat(9).map(String)),
  archived: fc.constantFrom(0, 1, '0', '1', true, false),
  users: fc.constantFrom(undefined, [], { '1001': { user_id: '1001' } }),
});
const husk = fc.constantFrom({ id: null }, { task_id: null });
const answer = fc.oneof(
  fc.array(fc.oneof({ weight: 9, arbitrary: wireTask }, { weight: 1, arbitrary: husk }), { maxLength: 30 }),
  fc
    .array(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof({ weight: 9, arbitrary: wireTask }, husk)), {
      maxLength: 30,
    })
    .map((entries) => Object.fromEntries(entries)),
);
const indent = fc.constantFrom(undefined, 0, 2, '\t');

describe('the whole task tree, read as it arrives', () => {
  it('gives the tasks the whole answer gives, cut to four fields, wherever the pieces are cut (property)', async () => {
    await fc.assert(
      fc.asyncProperty(answer, indent, fc.array(fc.nat(), { maxLength: 12 }), async (body, space, cuts) => {
        const text = JSON.stringify(body, null, space);
        const whole = await clientAnswering(() => json(body)).tasks();
        const read = await clientAnswering(() => inPieces(text, cuts)).taskTree();
        expect(read).toEqual(whole.map(({ id, parentId, name, archived }) => ({ id, parentId, name, archived })));
      }),
      { numRuns: propertyRuns(200) },
    );
  }, 60_000);

  it('reads the shapes TimeCamp sends: keyed, a list, {} or [] for none, and a bare task', async () => {
    const task = { task_id: '7', parent_id: '0', name: 'Fix', archived: '1', level: 1 };
    const tree = (body: unknown) => clientAnswering(() => json(body)).taskTree();
    await expect(tree({ '7': task, '0': { id: null } })).resolves.toEqual([
      { id: '7', parentId: null, name: 'Fix', archived: true },
    ]);
    await expect(tree([task])).resolves.toEqual([{ id: '7', parentId: null, name: 'Fix', archived: true }]);
    await expect(tree({})).resolves.toEqual([]);
    await expect(tree([])).resolves.toEqual([]);
    await expect(tree(task)).resolves.toEqual([{ id: '7', parentId: null, name: 'Fix', archived: true }]);
  });

  it('asks for every task, archived ones too, and may be larger than any other answer', async () => {
    const big = JSON.stringify(
      Array.from({ length: 70_000 }, (_, i) => ({
        task_id: i + 1,
        parent_id: 0,
        name: `Task ${i} of a long enough name`,
        archived: 0,
      })),
    );
    expect(big.length).toBeGreaterThan(MAX_BODY_BYTES);
    let url = '';
    const client = createTimeCampClient({
      baseUrl: BASE,
      token: 'tok3n-abc123',
      fetch: (async (input: string) => {
        url = input;
        return inPieces(big, [70_000, 3_000_000]);
      }) as typeof fetch,
    });
    await expect(client.taskTree()).resolves.toHaveLength(70_000);
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ status: 'all', format: 'json' });
    // A list parsed whole keeps the cap of every other answer
    await expect(client.tasks({ status: 'all' })).rejects.toMatchObject({ kind: 'malformed' });
    // ~3 s here; several times that with the code instrumented (a mutation run) on a loaded machine
  }, 30_000);

  it('a bad answer fails as one, naming the task, never the data', async () => {
    const tree = (text: string, status = 200) => clientAnswering(() => inPieces(text, [3, 20], status)).taskTree();
    const named = { task_id: 1, parent_id: 0, name: 'Fine', archived: 0 };
    await expect(tree(JSON.stringify({ a: named, b: { ...named, name: 5 } }))).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('GET /tasks: unexpected b)'),
    });
    for (const text of [
      '',
      '<html><body>502</body></html>',
      '"Empty tags"',
      'null',
      JSON.stringify([named]).slice(0, -1), // cut short
      `${JSON.stringify([named])} x`, // more after the end
      '[{"task_id":1,"parent_id":0,"name":"a","archived":0} {"task_id":2}]', // no comma
      '{"a" {"task_id":1}}', // no colon
      '[{"task_id":1,"name":"a\\x"}]', // a bad escape inside a member
    ])
      await expect(tree(text), text).rejects.toMatchObject({ kind: 'malformed' });
    await expect(tree('{"message":"Not found"}', 404)).rejects.toMatchObject({
      kind: 'notFound',
      serverMessage: 'Not found',
    });
  });
});

describe('splitting a JSON list into its members', () => {
  const members = (pieces: string[]) => {
    const got: [string, unknown][] = [];
    const split = jsonMembers((key, text) => got.push([key, JSON.parse(text)]));
    for (const piece of pieces) split.push(piece);
    split.end();
    return got;
  };

  it('hands over each member of any object or array, however the text is cut (property)', () => {
    const container = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(
      fc.property(container, indent, fc.array(fc.nat(), { maxLength: 10 }), (value, space, cuts) => {
        const text = ` \n${JSON.stringify(value, null, space)}\n `;
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [...at, text.length].map((end, i, ends) => text.slice(i ? ends[i - 1] : 0, end));
        pieces.unshift(text.slice(0, 0));
        const expected = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
        expect(members(pieces)).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: propertyRuns(500) },
    );
  }, 60_000);

  it('refuses what is not one whole array or object', () => {
    for (const pieces of [
      [''],
      ['1'],
      ['{"a":1'],
      ['[1,]'],
      ['[,1]'],
      ['{"a":1,}'],
      ['{1:2}'],
      ['[1]', '[2]'],
      ['[1 2]'],
    ])
      expect(() => members(pieces), JSON.stringify(pieces)).toThrow(NotJson);
  });

  // The words end up in the malformed error's reason ("GET /tasks: …"), for the logs.
  it('says what is wrong in words, never with the text itself', () => {
    const said = (text: string) => {
      try {
        members([text.slice(0, 3), text.slice(3)]);
      } catch (e) {
        expect(e).toBeInstanceOf(NotJson);
        expect((e as NotJson).name).toBe('NotJson');
        return (e as NotJson).message;
      }
      return 'accepted';
    };
    expect(
      Object.fromEntries(
        [
          '',
          ' \n ',
          '<!DOCTYPE html><html>502</html>',
          '"Empty tags"',
          '1',
          '{1:2}',
          '{"a" 1}',
          '[1,,2]',
          '{"a"::1}',
          '{"a":}',
          '[1,]',
          '[1 2]',
          '{"a":1 "b":2}',
          '[1] x',
          '[1, 2',
          '[tru]',
          '["a\\x"]',
        ].map((text) => [text, said(text)]),
      ),
    ).toEqual({
      '': 'empty',
      ' \n ': 'empty',
      '<!DOCTYPE html><html>502</html>': 'an HTML page instead of JSON',
      '"Empty tags"': 'not a JSON list',
      '1': 'not a JSON list',
      '{1:2}': 'a name in the object is not a string',
      '{"a" 1}': 'a name in the object has no value',
      '[1,,2]': 'a member is missing',
      '{"a"::1}': 'a member is missing',
      '{"a":}': 'a member is missing',
      '[1,]': 'a member is missing',
      '[1 2]': 'members are not separated by commas',
      '{"a":1 "b":2}': 'members are not separated by commas',
      '[1] x': 'more text after the end',
      '[1, 2': 'the text ended early',
      '[tru]': 'a member is not valid JSON',
      '["a\\x"]': 'a member is not valid JSON',
    });
  });

  it("takes the whitespace a whole answer's reading takes: JSON's inside, any around", () => {
    expect(members(['[1,\r\n', '2,\t3]'])).toEqual([
      ['0', 1],
      ['1', 2],
      ['2', 3],
    ]);
    // A byte-order mark before, a no-break space after: JSON.parse(text.trim()) reads these
    expect(members(['\uFEFF{"a"', ':1}\u00A0'])).toEqual([['a', 1]]);
    expect(JSON.parse('\uFEFF{"a":1}\u00A0'.trim())).toEqual({ a: 1 });
    // …but not a no-break space between members, as JSON.parse does not
    expect(() => members(['[1,\u00A02]'])).toThrow(NotJson);
    expect(() => members(['{"a":1\u00A0}'])).toThrow(NotJson);
    expect(() => JSON.parse('[1,\u00A02]')).toThrow(SyntaxError);
  });
});
