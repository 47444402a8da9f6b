/** A recording stand-in for fetch: no network, one scripted answer per call. */
export interface RecordedCall {
  url: URL;
  init: RequestInit;
  headers: Headers;
  /** parsed JSON body, undefined when none was sent */
  body: unknown;
}

export type Answer = Response | Error | ((init: RequestInit) => Promise<Response>);

export function fakeFetch(...answers: Answer[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const raw = init.body;
    if (raw !== undefined && raw !== null && typeof raw !== 'string')
      throw new Error('fake fetch expects string bodies');
    calls.push({
      url: new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url),
      init,
      headers: new Headers(init.headers),
      body: typeof raw === 'string' ? JSON.parse(raw) : undefined,
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected extra request #${calls.length}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(init) : answer;
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function text(body: string, status = 200, contentType = 'text/html'): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType } });
}

/** Response.url / type are read-only and empty on constructed responses; tests need to set them. */
export function withProps(res: Response, props: { url?: string; type?: ResponseType; status?: number }): Response {
  for (const [k, v] of Object.entries(props)) Object.defineProperty(res, k, { value: v });
  return res;
}
