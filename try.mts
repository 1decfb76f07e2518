import { compilePolicy, defaultPolicy, mergePolicyOverrides, screen } from './src/screening/index.js';
const t0 = performance.now();
const p = compilePolicy(mergePolicyOverrides(defaultPolicy(), { codenames: ['Falcon', 'Blue Heron'], internalDomains: ['corp.example.com'], crisisTerms: ['Hurricane Delia', '#DeliaStrong'], blockedTerms: ['Project Nightjar'] }));
console.log('compile ms', performance.now() - t0);
const samples = process.argv.slice(2);
for (const s of samples) for (const a of ['internal','external'] as const) { const r = screen(s, a, p); console.log(a, r.action, JSON.stringify(r.findings.map(f => [f.rule, f.excerpt]))); }
