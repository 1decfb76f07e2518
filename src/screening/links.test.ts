import { describe, expect, it } from 'vitest';
import { actionOf, rulesOf } from './test-helpers.js';

describe('internal links', () => {
  it.each([
    'https://wiki.corp.example.com/runbook',
    'see jira.corp.example.com/browse/OPS-1',
    'grafana.metrics.internal:3000',
    'http://intranet/hr',
    'http://10.0.0.5/admin',
    'http://buildbox.local/artifacts',
    'go/launch-checklist',
    'http://wiki/Main_Page',
  ])('allows %j inside and blocks it outside', (text) => {
    expect(rulesOf(text)).toContain('links.internal');
    expect(actionOf(text, 'internal')).toBe('allow');
    expect(actionOf(text, 'external')).toBe('block');
  });

  it.each(['https://www.example.com/launch', 'github.com/acme/roost', 'Built with Node.js', 'go/no-go on Thursday', 'version 10.0.0.1', 'mail jane@corp.example.com'])(
    'ignores %j',
    (text) => {
      expect(rulesOf(text)).not.toContain('links.internal');
    },
  );
});
