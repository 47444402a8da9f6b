// Setup file of the tests that run the worker against the in-process emulator
// (EMULATOR_TESTS in vitest.config.ts): the worker's connection is drain-env's, the
// emulator behind the real API client, with the auth that freshWorld() stores.
import { vi } from 'vitest';

vi.mock('../../../../src/background/account/connection', async () => (await import('./drain-env')).connectionModule());
