#!/usr/bin/env node
/** The `verksted` command (package.json `bin`): starts the server, configured through env (see config.ts). */
import './main.js';
