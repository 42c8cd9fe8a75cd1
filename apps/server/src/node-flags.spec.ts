import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SERVER_NODE_FLAGS: string[] = require('../../../scripts/server-node-flags.js');

describe('the flags Node.js runs the service with', () => {
  it('are the ones `npm start` gives, right before the server entry point', () => {
    const start = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).scripts.start as string;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} dist/apps/server/apps/server/src/main.js`);
  });
});
