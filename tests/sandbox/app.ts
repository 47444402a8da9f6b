// Browser entry of the Planner sandbox, bundled on the fly by tests/sandbox/server.ts.
import { mountSandbox } from './planner-app';

mountSandbox(window);
