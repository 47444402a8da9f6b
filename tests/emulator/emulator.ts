// Local TimeCamp API v1 emulator: node:http, no framework.
// Two listeners: the API port (TimeCamp API + control API) and a control port
// that is always up, so `refuseConnections` can really close the API port
// (connection refused) while tests can still switch it back on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertTimeZone, normaliseDateTime } from './clock';
import { CONTROL_PREFIX, handleControl } from './control';
import { Faults, type FaultSettings } from './faults';
import { BadBody, parseBody, readRaw, send, sendText, sleep, str, type Body } from './http-util';
import { handleApi, type ApiResponse } from './routes';
import { DEMO_USER } from '../fixtures/planner-seed';
import {
  cleanEntry,
  cleanTimer,
  snapshot,
  type CleanEntry,
  type CleanTimer,
  type EmulatorSnapshot,
  type LoggedRequest,
} from './snapshot';
import { ApiError, EmulatorState } from './state';
import { GET_TOKEN_PATH, getTokenAnswer } from './session';
import { EMULATOR_MODES, toXml, wantsJson, type EmulatorMode } from './recorded';

export type { CleanEntry, CleanTimer, EmulatorSnapshot, LoggedRequest } from './snapshot';
export type { FaultSettings } from './faults';
export type { EmulatorMode } from './recorded';

export const API_PREFIX = '/third_party/api';

export interface EmulatorOptions {
  /** API port; 0 (default) = random */
  port?: number;
  /** control port; 0 (default) = random */
  controlPort?: number;
  host?: string;
  /** IANA zone of the emulator's wall clock; default: the process zone */
  timeZone?: string;
  /** injectable clock, epoch ms */
  now?: () => number;
  /**
   * 'spec' (default): the shapes of TimeCamp's OpenAPI spec. 'recorded': the shapes
   * real TimeCamp answered with (CONTRACT.md, recorded traffic; see recorded.ts).
   */
  mode?: EmulatorMode;
  /** shorthand for mode: 'recorded' */
  realistic?: boolean;
  /** a big account: this many generated tasks besides the seed (~560 bytes each in GET /tasks) */
  extraTasks?: number;
}

export interface ElsewhereStart {
  userId?: string;
  /** null or omitted = timer without a task */
  taskId?: string | null;
  /** naive "YYYY-MM-DD HH:mm:ss"; default now */
  startedAt?: string;
}

export interface Emulator {
  /** http://host:port of the API listener */
  url: string;
  /** url + '/third_party/api' */
  apiBase: string;
  /** http://host:controlPort, always up; serves /__emulator/* */
  controlUrl: string;
  state: EmulatorState;
  faults: Faults;
  requests: LoggedRequest[];
  /** which shapes the API answers with now */
  mode: EmulatorMode;
  /** switch the answer shapes at runtime (state is kept) */
  setMode(mode: EmulatorMode): void;
  /**
   * back to seed; clears timers, entries, faults, request log; reopens a refused API port.
   * The mode goes back to the one given at start unless `mode` says otherwise.
   */
  reset(opts?: { timeZone?: string; mode?: EmulatorMode }): Promise<void>;
  /** merge fault settings; resolves once refuseConnections took effect */
  setFaults(f: FaultSettings): Promise<void>;
  clearFaults(): Promise<void>;
  /** a timer started in TimeCamp web / another device; same rules as POST /timer start */
  startElsewhere(p?: ElsewhereStart): CleanTimer;
  stopElsewhere(p?: { userId?: string; stoppedAt?: string }): CleanEntry;
  snapshot(): EmulatorSnapshot;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Also kill keep-alive and hung connections, or close() would wait for them.
    server.closeAllConnections();
  });
}

function naiveOrThrow(v: string | undefined, field: string): string | undefined {
  if (v === undefined) return undefined;
  return (
    normaliseDateTime(v) ??
    (() => {
      throw new ApiError(400, { message: `unrecognized ${field} format` });
    })()
  );
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const defaultZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  assertTimeZone(defaultZone);
  const state = new EmulatorState(defaultZone, opts.now ?? Date.now, opts.extraTasks ?? 0);
  const faults = new Faults();
  const requests: LoggedRequest[] = [];
  let apiPort = opts.port ?? 0;
  const startMode: EmulatorMode = opts.mode ?? (opts.realistic ? 'recorded' : 'spec');
  const checkMode = (mode: string): EmulatorMode => {
    if (!(EMULATOR_MODES as readonly string[]).includes(mode)) throw new RangeError(`unknown emulator mode ${mode}`);
    return mode as EmulatorMode;
  };
  checkMode(startMode);

  const apiServer = createServer((req, res) => void serve(req, res, true));
  const controlServer = createServer((req, res) => void serve(req, res, false));

  async function applyRefuse(refuse: boolean): Promise<void> {
    if (refuse && apiServer.listening) await shut(apiServer);
    else if (!refuse && !apiServer.listening) await listen(apiServer, apiPort, host);
  }

  const emu: Emulator = {
    url: '',
    apiBase: '',
    controlUrl: '',
    state,
    faults,
    requests,
    mode: startMode,
    setMode(mode) {
      emu.mode = checkMode(mode);
    },
    async reset(o = {}) {
      if (o.timeZone) assertTimeZone(o.timeZone);
      emu.mode = checkMode(o.mode ?? startMode);
      state.timeZone = o.timeZone ?? defaultZone;
      state.reset();
      faults.clear();
      requests.length = 0;
      await applyRefuse(false);
    },
    async setFaults(f) {
      faults.set(f);
      if (f.refuseConnections !== undefined) await applyRefuse(f.refuseConnections);
    },
    async clearFaults() {
      faults.clear();
      await applyRefuse(false);
    },
    startElsewhere(p = {}) {
      const t = state.startTimer(
        p.userId ?? DEMO_USER.userId,
        p.taskId ?? null,
        naiveOrThrow(p.startedAt, 'startedAt'),
      );
      return cleanTimer(t, state);
    },
    stopElsewhere(p = {}) {
      return cleanEntry(state.stopTimer(p.userId ?? DEMO_USER.userId, naiveOrThrow(p.stoppedAt, 'stoppedAt')));
    },
    snapshot: () => snapshot(state, requests, faults.settings),
    async close() {
      await Promise.all([shut(apiServer), shut(controlServer)]);
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse, isApiPort: boolean): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') return send(res, 204, undefined);
      let body: Body;
      try {
        body = parseBody(await readRaw(req), req.headers['content-type']);
      } catch (e) {
        if (e instanceof BadBody) return send(res, 400, { message: e.message });
        throw e;
      }
      if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        const r = await handleControl(emu, method, url.pathname.slice(CONTROL_PREFIX.length), body);
        return send(res, r.status, r.body);
      }
      if (isApiPort && url.pathname === GET_TOKEN_PATH && method === 'GET') {
        const r = getTokenAnswer(req.headers.cookie);
        return send(res, r.status, r.body);
      }
      if (isApiPort && (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`))) {
        return await serveApi(req, res, method, url, body);
      }
      send(res, 404, { message: 'Not found' });
    } catch (e) {
      if (!res.headersSent && !res.destroyed) send(res, 500, { message: e instanceof Error ? e.message : String(e) });
    }
  }

  async function serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
    body: Body,
  ): Promise<void> {
    const auth = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1] ?? url.searchParams.get('api_token') ?? str(body.api_token);
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const entry: LoggedRequest = {
      time: new Date(state.now()).toISOString(),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      userId: state.userByToken(token)?.userId ?? null,
      status: null,
      outcome: 'answered',
      injected: null,
    };
    requests.push(entry);
    const mode = emu.mode;
    const handle = (): ApiResponse => handleApi(state, { method, path, query: url.searchParams, body, token, mode });

    const decision = faults.decide({ method, path, body });
    if (decision.kind !== 'normal') entry.injected = decision.kind;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (decision.kind === 'fail') {
      Object.assign(entry, { status: decision.status, outcome: 'fault' });
      return send(res, decision.status, decision.body, decision.headers);
    }
    if (decision.kind === 'hang') {
      if (decision.ms === null) {
        entry.outcome = 'hung'; // never answered, never applied
        return;
      }
      await sleep(decision.ms);
    }
    const r = handle();
    entry.status = r.status;
    if (decision.kind === 'drop') {
      // State is already committed: the client never learns whether it worked.
      Object.assign(entry, { status: null, outcome: 'dropped' });
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    if (r.raw) return sendText(res, r.status, r.raw.text, r.raw.contentType);
    // Legacy TimeCamp answers XML unless the request asks for JSON (CONTRACT.md, recorded traffic).
    if (mode === 'recorded' && r.body !== undefined && !wantsJson(req.headers.accept, url.searchParams))
      return sendText(res, r.status, toXml(r.body), 'application/xml; charset=UTF-8');
    send(res, r.status, r.body);
  }

  const [port, controlPort] = await Promise.all([
    listen(apiServer, apiPort, host),
    listen(controlServer, opts.controlPort ?? 0, host),
  ]);
  apiPort = port; // reopen on the same port after refuseConnections
  emu.url = `http://${host}:${port}`;
  emu.apiBase = `${emu.url}${API_PREFIX}`;
  emu.controlUrl = `http://${host}:${controlPort}`;
  return emu;
}
