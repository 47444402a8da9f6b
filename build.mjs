// Builds both browser targets from one source.
//   extension/        Chromium (loaded unpacked; background.service_worker)
//   dist/firefox/     Firefox (background.scripts: Firefox runs an event page)
//   --package         also writes store zips for both into dist/
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const started = performance.now();
const root = new URL('.', import.meta.url).pathname;
const out = `${root}extension`;
const firefoxOut = `${root}dist/firefox`;

const entries = {
  // The content script must be an IIFE: an ESM content script never runs.
  content: 'src/content/index.ts',
  // IIFE too, so the same file serves Chrome's service worker and Firefox's event page.
  background: 'src/background/index.ts',
  popup: 'src/popup/index.tsx',
  options: 'src/options/index.tsx',
};

await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `${out}/${name}.js`,
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['chrome120', 'firefox140'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      // Test-only hooks (src/shared/build-flags.ts) are dropped from what ships.
      define: { __TEST_HOOKS__: 'false' },
      logLevel: 'warning',
    }),
  ),
);

const manifest = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
const { scripts, ...chromeBackground } = manifest.background;
const { service_worker, ...firefoxBackground } = manifest.background;
await writeFile(`${out}/manifest.json`, JSON.stringify({ ...manifest, background: chromeBackground }, null, 2));

await rm(firefoxOut, { recursive: true, force: true });
await mkdir(firefoxOut, { recursive: true });
await cp(out, firefoxOut, { recursive: true, filter: (src) => !src.endsWith('.map') });
await writeFile(`${firefoxOut}/manifest.json`, JSON.stringify({ ...manifest, background: firefoxBackground }, null, 2));

if (process.argv.includes('--package')) {
  const webExt = `${root}node_modules/.bin/web-ext`;
  for (const [target, dir] of [
    ['chrome', out],
    ['firefox', firefoxOut],
  ]) {
    const artifacts = `${root}dist/${target}-zip`;
    await rm(artifacts, { recursive: true, force: true });
    execFileSync(
      webExt,
      [
        'build',
        '--source-dir',
        dir,
        '--artifacts-dir',
        artifacts,
        '--overwrite-dest',
        '--filename',
        `timecamp-planner-timer-${target}-${manifest.version}.zip`,
      ],
      { stdio: 'inherit' },
    );
    await cp(
      `${artifacts}/timecamp-planner-timer-${target}-${manifest.version}.zip`,
      `${root}dist/timecamp-planner-timer-${target}-${manifest.version}.zip`,
    );
    await rm(artifacts, { recursive: true, force: true });
  }
}

if (!existsSync(`${out}/icons/icon-128.png`))
  throw new Error('extension/icons missing: run `npx tsx scripts/make-icons.ts`');
console.log(`built extension/ and dist/firefox/ in ${Math.round(performance.now() - started)} ms`);
