import { compilePolicy, defaultPolicy, screen } from './src/screening/index.js';
const p = compilePolicy(defaultPolicy());
for (const s of process.argv.slice(2)) console.log(JSON.stringify(screen(s, 'external', p)));
