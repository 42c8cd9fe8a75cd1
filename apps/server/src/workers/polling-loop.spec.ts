import { PollingLoop } from './polling-loop';

describe('PollingLoop.stop', () => {
  it('tells the running tick to stop claiming, waits for it, and starts no other', async () => {
    let ticks = 0;
    let seenStopping = false;
    let finish: () => void = () => undefined;
    const loop = new PollingLoop('Test', 10, async (stopping) => {
      ticks += 1;
      await new Promise<void>((resolve) => (finish = resolve));
      seenStopping = stopping();
      return true; // "more to do": would run again at once, were it not stopped
    });
    loop.start();
    while (!loop.busy) await new Promise((r) => setTimeout(r, 1));
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false); // still waiting for the tick in flight
    finish();
    await stopping;
    expect(seenStopping).toBe(true);
    expect(loop.busy).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(ticks).toBe(1);
  });
});
