// Shared fixtures for the screening tests: a compiled policy with a few organization terms.
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { defaultPolicy, mergePolicyOverrides } from './policy-document.js';
import { screen } from './screen.js';
import type { Action, Audience } from './types.js';

let cached: CompiledPolicy | undefined;

export function testPolicy(): CompiledPolicy {
  cached ??= compilePolicy(
    mergePolicyOverrides(defaultPolicy(), {
      codenames: ['Falcon', 'Blue Heron'],
      internalDomains: ['corp.example.com', '*.internal', 'intranet'],
      crisisTerms: ['Hurricane Delia', '#DeliaStrong'],
      blockedTerms: ['Project Nightjar'],
      allowedTerms: ['Falcon Heavy'],
    }),
  );
  return cached;
}

export function actionOf(text: string, audience: Audience): Action {
  return screen(text, audience, testPolicy()).action;
}

export function rulesOf(text: string, audience: Audience = 'external'): string[] {
  return screen(text, audience, testPolicy()).findings.map((f) => f.rule);
}
