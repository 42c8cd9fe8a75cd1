import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('the flags Node.js runs the service with', () => {
  it('are the ones `npm start` gives, right before the server entry point', async () => {
    const { default: flags } = (await import(join(ROOT, 'scripts', 'server-node-flags.js'))) as { default: string[] };
    const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    expect(flags.length).toBeGreaterThan(0);
    expect(start).toContain(`node ${flags.join(' ')} dist/apps/server/apps/server/src/main.js`);
  });
});
