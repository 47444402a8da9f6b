// The popup's one line to the worker: typed requests out, validated answers and
// pushes in. Components never touch extension APIs directly.
import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { BackgroundPush, ConnectResult, PopupState, TimerView, type PopupRequest } from '../shared/protocol';

export interface Connector {
  state(): Promise<PopupState | null>;
  connect(token: string): Promise<ConnectResult | null>;
  disconnect(): Promise<void>;
  stopTimer(): Promise<TimerView | null>;
  /** views the worker pushes after any change; returns an unsubscribe */
  onView(listener: (view: TimerView) => void): () => void;
}

async function ask<T>(schema: z.ZodMiniType<T>, request: PopupRequest): Promise<T | null> {
  try {
    const parsed = z.safeParse(schema, await browser.runtime.sendMessage(request));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // the worker is restarting: callers show "try again", nothing is lost
  }
}

export const workerConnector: Connector = {
  state: () => ask(PopupState, { type: 'popup.state' }),
  connect: (token) => ask(ConnectResult, { type: 'auth.connect', token }),
  disconnect: async () => {
    await ask(z.unknown(), { type: 'auth.disconnect' });
  },
  stopTimer: () => ask(TimerView, { type: 'timer.stop', clickedAtMs: Date.now() }),
  onView(listener) {
    const handler = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return;
      const parsed = z.safeParse(BackgroundPush, message);
      if (parsed.success) listener(parsed.data.view);
    };
    browser.runtime.onMessage.addListener(handler);
    return () => browser.runtime.onMessage.removeListener(handler);
  },
};
