#!/usr/bin/env node
// The `allies` command. Runs the TypeScript sources directly (Node 26 strips types).
import "../src/cli/main.ts";
