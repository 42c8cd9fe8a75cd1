#!/usr/bin/env node
// Exit 0 when the PostgreSQL server used by the tests answers, 1 otherwise (with the reason).
'use strict';
const { Client } = require('pg');

const url = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
client
  .connect()
  .then(() => client.query('SELECT 1'))
  .then(() => client.end())
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')} is not reachable: ${error.message}`);
    process.exit(1);
  });
