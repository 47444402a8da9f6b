// Whether the drain has a request on the wire: UI updates after a click wait for that, so
// the storage round trips before the request do not queue behind the view's.

let requestsInFlight = 0;
const onWire: (() => void)[] = [];

/** Everyone waiting for a request on the wire (or for the drain to end) may go on */
export function wireReached(): void {
  for (const resolve of onWire.splice(0)) resolve();
}

export function requestOnWire(): boolean {
  return requestsInFlight > 0;
}

/** Resolves at the next request on the wire (or `wireReached`), at most `maxWaitMs` from now */
export function nextRequestOnWire(maxWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    onWire.push(resolve);
    setTimeout(resolve, maxWaitMs);
  });
}

/** `fetch` that counts the requests it has in flight */
export const countedFetch: typeof fetch = (input, init) => {
  // Bound late, like the API client's own default: tests and the benchmark replace it.
  const request = globalThis.fetch(input, init);
  requestsInFlight++;
  wireReached();
  void request.then(
    () => requestsInFlight--,
    () => requestsInFlight--,
  );
  return request;
};
