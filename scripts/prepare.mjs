// Builds dist/ after `npm ci` so `npx newsbot …` works in a fresh clone.
// A production install (`npm ci --omit=dev`, as in the Dockerfile) has no TypeScript compiler;
// there dist/ was already built in an earlier stage, so the build is skipped, not failed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tscPath;
try {
  tscPath = require.resolve('typescript/bin/tsc');
} catch {
  console.log('prepare: typescript is not installed (production install); skipping build');
  process.exit(0);
}
const result = spawnSync(process.execPath, [tscPath, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
