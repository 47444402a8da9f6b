// Runs the emulator standalone: `npx tsx tests/emulator/cli.ts --port 4100`.
// stdout gets exactly one line, `listening on <url>`, for scripts waiting on it;
// the always-on control URL goes to stderr.
import { parseArgs } from 'node:util';
import { startEmulator, type EmulatorMode } from './emulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'control-port': { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'time-zone': { type: 'string' },
    // spec (default) | recorded: answer as real TimeCamp did in recorded traffic
    mode: { type: 'string' },
    // a big account: this many generated tasks besides the seed
    tasks: { type: 'string' },
  },
});

const emu = await startEmulator({
  port: Number(values.port),
  controlPort: Number(values['control-port']),
  host: values.host,
  ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
  ...(values.mode ? { mode: values.mode as EmulatorMode } : {}),
  ...(values.tasks ? { extraTasks: Number(values.tasks) } : {}),
});
process.stdout.write(`listening on ${emu.url}\n`);
process.stderr.write(`control on ${emu.controlUrl} (also ${emu.url}/__emulator while the API port is up)\n`);

const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
