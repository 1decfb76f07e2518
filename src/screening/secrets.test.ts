import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { detect } from './screen.js';
import { actionOf, rulesOf, testPolicy } from './test-helpers.js';

// Realistic-looking (fake) credentials, in the shapes secretlint's recommended rules target.
const SAMPLES: Array<[string, string]> = [
  ['AKIAIOSFODNN7EXAMPLE', 'secrets.aws'],
  ['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', 'secrets.github'],
  ['xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1', 'secrets.slack'],
  ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'secrets.stripe'],
  ['npm_abcdefghijABCDEFGHIJ0123456789abcdef', 'secrets.npm'],
  ['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', 'secrets.sendgrid'],
  ['glpat-xYz12AbCdEfGhIjKlMn3', 'secrets.gitlab'],
  ['postgres://admin:S3cr3tPass@db.prod.example.com:5432/orders', 'secrets.connection-string'],
  ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'secrets.slack'],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7\n-----END RSA PRIVATE KEY-----', 'secrets.private-key'],
  ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'secrets.jwt'],
  ['DB_PASSWORD=hunter2hunter2', 'secrets.password'],
  ['{"password": "Tr0ub4dor&3"}', 'secrets.password'],
  ['the wifi password is BlueSky2024!', 'secrets.password'],
];

describe('secrets', () => {
  it.each(SAMPLES)('blocks %j (%s) for both audiences', (text, rule) => {
    expect(rulesOf(text)).toContain(rule);
    expect(actionOf(text, 'internal')).toBe('block');
    expect(actionOf(text, 'external')).toBe('block');
  });

  it.each([
    'Forgot your password? Reset it from the login page.',
    'password: ********',
    'password=<your password>',
    'DB_PASSWORD=${DB_PASSWORD}',
    'Token of appreciation for the team',
    'Our secret sauce is the people.',
    'Ask me about our risk-based approach',
  ])('leaves %j alone', (text) => {
    expect(rulesOf(text).filter((r) => r.startsWith('secrets'))).toEqual([]);
  });

  it('covers exactly the secret, not the surrounding config', () => {
    const text = 'DB_PASSWORD=hunter2hunter2 # prod';
    const [finding] = detect(text, testPolicy()).filter((d) => d.rule === 'secrets.password');
    expect(text.slice(finding?.start, finding?.end)).toBe('hunter2hunter2');
  });

  // Cross-check: whatever secretlint's recommended preset reports in these samples, the
  // engine reports too (secretlint is async and slower, so it is a test oracle, not the engine).
  it('finds everything secretlint finds in the samples', async () => {
    for (const [text] of SAMPLES) {
      const result = await lintSource({
        source: { content: text, filePath: '/post.txt', ext: '.txt', contentType: 'text' },
        options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }, noPhysicFilePath: true },
      });
      if (result.messages.length === 0) continue;
      expect(rulesOf(text).some((rule) => rule.startsWith('secrets')), text).toBe(true);
    }
  });
});
