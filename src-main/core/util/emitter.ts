// SPDX-License-Identifier: Apache-2.0
// A typed event emitter whose subscriptions are disposers.

export type Disposer = () => void;

export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Disposer {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const l of this.listeners.get(name) ?? []) (l as (p: Events[K]) => void)(payload);
  }
}
