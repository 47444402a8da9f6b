// Runs the esbuild-dependent checks in a plain Node process for the unit tests: esbuild
// refuses to load inside vitest's jsdom environment (its TextEncoder/Uint8Array invariant).
//   npx tsx tests/sandbox/probe.ts size <entry.ts>  → {"raw": n, "gzip": n}
//   npx tsx tests/sandbox/probe.ts serve            → the sandbox's answers, over HTTP and via handle()
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { startSandbox } from './server';

const [command, entry] = process.argv.slice(2);

if (command === 'size' && entry) {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0]?.contents ?? new Uint8Array();
  console.log(JSON.stringify({ raw: code.length, gzip: gzipSync(code).length }));
} else if (command === 'serve') {
  const sandbox = await startSandbox();
  try {
    const paths = [
      '/projects/101/board?fixture=modal&taskId=5001',
      '/projects/x',
      '/sandbox/app.js',
      '/',
      '/projects',
      '/other',
      '/chats/x',
      '/sandbox/nope.js',
    ];
    const http = [];
    for (const path of paths) {
      const res = await fetch(sandbox.url + path);
      http.push({
        path,
        status: res.status,
        contentType: res.headers.get('content-type'),
        cacheControl: res.headers.get('cache-control'),
        length: (await res.arrayBuffer()).byteLength,
      });
    }
    const shell = await sandbox.handle('https://planner.timecamp.com/projects/101/board?fixture=late');
    const app = await sandbox.handle('/sandbox/app.js');
    console.log(
      JSON.stringify({
        url: sandbox.url,
        http,
        shell: shell.body.toString(),
        shellStatus: shell.status,
        app: app.body.toString(),
        appType: app.contentType,
      }),
    );
  } finally {
    await sandbox.close();
  }
} else {
  console.error('usage: probe.ts size <entry> | serve');
  process.exit(2);
}
