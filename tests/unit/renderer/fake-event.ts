/**
 * A hand-driven event source shaped like an `api.onX` listener method.
 *
 * `on` is what a fake API hands the store; `emit` plays main announcing a change; `listeners` says
 * how many subscriptions are still open.
 */
export function fakeEvent<T>() {
  const subscribed = new Set<(payload: T) => void>()
  return {
    on: (listener: (payload: T) => void): (() => void) => {
      subscribed.add(listener)
      return () => {
        subscribed.delete(listener)
      }
    },
    emit: (payload: T): void => {
      for (const listener of subscribed) listener(payload)
    },
    listeners: (): number => subscribed.size,
  }
}
