#!/usr/bin/env node
// The `latentflow` command. The code is built to ../dist by `npm run build` (the root's prepare step).
import '../dist/cli/main.js'
