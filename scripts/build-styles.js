#!/usr/bin/env node
// Compiles apps/server/web/styles/app.scss (GOV.UK and MoJ Frontend, our overrides) to dist/public/app.css.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const sass = require('sass');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist', 'public', 'app.css');
const result = sass.compile(path.join(root, 'apps', 'server', 'web', 'styles', 'app.scss'), {
  loadPaths: [root, path.join(root, 'node_modules')],
  style: 'compressed',
  logger: sass.Logger.silent,
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, result.css);
