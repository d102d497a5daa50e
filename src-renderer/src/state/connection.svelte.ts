// SPDX-License-Identifier: Apache-2.0
// Whether the page reaches the engine now. The desktop app is always connected; browser mode can
// lose its server, and then nothing on the page may claim to be live.
import { app, type ConnectionState } from '../lib/app';

class Connection {
  state = $state.raw<ConnectionState>({ status: 'connected', attempts: 0 });
  private readonly onReconnect = new Set<() => void>();

  get live(): boolean {
    return this.state.status === 'connected';
  }

  /** `cb` runs each time the connection comes back after a loss (to catch up on what was missed). */
  whenReconnected(cb: () => void): () => void {
    this.onReconnect.add(cb);
    return () => this.onReconnect.delete(cb);
  }

  start(): () => void {
    return (
      app().onConnection?.((s) => {
        this.state = s;
        if (s.status === 'connected' && s.reconnected) for (const cb of this.onReconnect) cb();
      }) ?? (() => {})
    );
  }
}

export const connection = new Connection();
