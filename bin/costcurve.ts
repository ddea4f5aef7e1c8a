#!/usr/bin/env node
// The costcurve command.
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
