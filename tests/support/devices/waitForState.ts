/** Waiting for a device driver (ID card reader, thermometer, …) to reach a state, in the device tests. */

export interface StateEmitter<S> {
  readonly state: S;
  on(event: 'state', listener: (state: NoInfer<S>) => void): () => void;
}

/** Resolves with the driver's state once `pred` holds: at once when it already does, else at the first `state` event it holds for. */
export function waitForState<S>(driver: StateEmitter<S>, pred: (s: S) => boolean): Promise<S> {
  return new Promise((resolve) => {
    if (pred(driver.state)) return resolve(driver.state);
    const off = driver.on('state', (s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}
