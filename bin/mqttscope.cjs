#!/usr/bin/env node
// The `mqttscope` program: runs the built command line (npm run build makes it).
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'node', 'cli.cjs');
if (!fs.existsSync(built)) {
  console.error('mqttscope is not built yet: run `npm run build` in the MQTT Scope folder first.');
  process.exit(1);
}
require(built);
