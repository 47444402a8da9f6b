// Serves the Planner sandbox: the app shell for EVERY path of the host (`/`, `/projects/...`,
// `/chats/<id>`, `/calendar`...: an SPA, every route gets the same shell, which reads the URL
// itself; users enter Planner at `/`, issue 12), the app bundled on the fly by esbuild at
// /sandbox/app.js, 404 for any other /sandbox/ file. `handle` answers without HTTP so a browser test can fulfil
// https://planner.timecamp.com/... requests through Playwright's route.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NEWEST_CSS, SANDBOX_CSS } from './planner-dom';

export interface SandboxResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
}
export interface Sandbox {
  url: string;
  close(): Promise<void>;
  handle(path: string): Promise<SandboxResponse>;
}

const ENTRY = fileURLToPath(new URL('./app.ts', import.meta.url));

let bundle: Promise<Buffer> | undefined;

/** Bundle once per process; a failed build is not cached, so a fix shows on the next request. */
function appBundle(): Promise<Buffer> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  })
    .then((r) => Buffer.from(r.outputFiles[0]?.contents ?? new Uint8Array()))
    .catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
  return bundle;
}

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Planner sandbox</title>
<style>${SANDBOX_CSS}${NEWEST_CSS}</style>
</head>
<body>
<div id="root"></div>
<script src="/sandbox/app.js"></script>
</body>
</html>
`;

function pathOf(path: string): string {
  // Accept a bare path or a full URL (what Playwright's route hands over).
  try {
    return new URL(path, 'http://sandbox.invalid').pathname;
  } catch {
    return '/';
  }
}

export async function handleSandboxRequest(path: string): Promise<SandboxResponse> {
  const pathname = pathOf(path);
  if (pathname === '/sandbox/app.js') {
    try {
      return {
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        body: await appBundle(),
        headers: { 'cache-control': 'no-cache' },
      };
    } catch (error) {
      return {
        status: 500,
        contentType: 'text/plain; charset=utf-8',
        body: Buffer.from(String(error)),
        headers: { 'cache-control': 'no-store' },
      };
    }
  }
  if (pathname.startsWith('/sandbox/')) {
    return {
      status: 404,
      contentType: 'text/plain; charset=utf-8',
      body: Buffer.from('Not found'),
      headers: { 'cache-control': 'no-store' },
    };
  }
  // no-store: every SPA route is the same shell; a cached copy must never stand in for a fresh load.
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(SHELL),
    headers: { 'cache-control': 'no-store' },
  };
}

export async function startSandbox(opts: { port?: number } = {}): Promise<Sandbox> {
  const server = createServer((req, res) => {
    handleSandboxRequest(req.url ?? '/').then(
      (r) => {
        res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': r.body.length, ...r.headers });
        res.end(req.method === 'HEAD' ? undefined : r.body);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handle: handleSandboxRequest,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// `npx tsx tests/sandbox/server.ts [port]`: try the sandbox by hand.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sandbox = await startSandbox({ port: Number(process.argv[2] ?? 5174) });
  console.log(
    `Planner sandbox: ${sandbox.url}/ (newest layout; older ones: ${sandbox.url}/projects/101/board?fixture=modal)`,
  );
}
