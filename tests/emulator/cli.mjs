// Plain-node entry for `npm run emulator` (package.json points here): registers
// tsx's loader, then runs cli.ts with the same arguments.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
