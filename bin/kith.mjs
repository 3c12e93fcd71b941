#!/usr/bin/env node
// Kith's command-line tool. The commands are TypeScript; tsx compiles them on the fly so
// that the CLI runs the very same engine sources as the server, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
