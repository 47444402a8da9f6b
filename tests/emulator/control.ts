// Test-only control API under /__emulator (no auth, never subject to faults).
// Mirrors the JS methods on Emulator so out-of-process users (e2e, demo) get
// the same powers as in-process tests.
import type { Emulator, EmulatorMode } from './emulator';
import type { FaultSettings } from './faults';
import { str, type Body } from './http-util';
import type { ApiResponse } from './routes';
import { ApiError } from './state';

export const CONTROL_PREFIX = '/__emulator';

export async function handleControl(emu: Emulator, method: string, path: string, body: Body): Promise<ApiResponse> {
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (key) {
      case 'POST /reset': {
        const timeZone = str(body.timeZone);
        const mode = str(body.mode) as EmulatorMode | undefined;
        await emu.reset({ ...(timeZone ? { timeZone } : {}), ...(mode ? { mode } : {}) });
        return { status: 200, body: { ok: true, timeZone: emu.state.timeZone, mode: emu.mode } };
      }
      case 'GET /mode':
        return { status: 200, body: { mode: emu.mode } };
      case 'POST /mode':
        emu.setMode((str(body.mode) ?? '') as EmulatorMode);
        return { status: 200, body: { mode: emu.mode } };
      case 'GET /state':
        return { status: 200, body: emu.snapshot() };
      case 'POST /timer/start':
        return {
          status: 200,
          body: emu.startElsewhere({
            userId: str(body.userId),
            taskId: body.taskId === null ? null : str(body.taskId),
            startedAt: str(body.startedAt),
          }),
        };
      case 'POST /timer/stop':
        return { status: 200, body: emu.stopElsewhere({ userId: str(body.userId), stoppedAt: str(body.stoppedAt) }) };
      case 'GET /faults':
        return { status: 200, body: emu.faults.settings };
      case 'POST /faults':
        await emu.setFaults(body as FaultSettings);
        return { status: 200, body: emu.faults.settings };
      case 'DELETE /faults':
        await emu.clearFaults();
        return { status: 200, body: emu.faults.settings };
    }
    return { status: 404, body: { message: `Unknown control endpoint ${key}` } };
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.body };
    if (e instanceof RangeError) return { status: 400, body: { message: e.message } };
    throw e;
  }
}
