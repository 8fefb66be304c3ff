// Worker-thread launcher for sweeps: registers tsx's loader in the thread, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('../src/runner/sweep-worker.ts');
