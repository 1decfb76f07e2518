/**
 * Screening a post's two texts (content warning and body) with one compiled policy. Each is
 * screened on its own so that a finding's offsets refer to the field it names.
 */
import {
  maxAction,
  screen,
  type Action,
  type Audience,
  type CompiledPolicy,
  type Finding,
} from '../../screening/index.js';

export type ScreenedField = 'status' | 'spoiler_text';

export interface FieldFinding extends Finding {
  /** The request field the offsets refer to. */
  field: ScreenedField;
}

export interface PostScreening {
  action: Action;
  /** The content warning's findings first (it is shown first), each field's in text order. */
  findings: FieldFinding[];
  /** The policy version that decided: 0 for the built-in default. */
  policyVersion: number;
}

export interface PostTexts {
  text: string;
  spoilerText?: string;
}

export function screenPostTexts(
  texts: PostTexts,
  audience: Audience,
  policy: CompiledPolicy,
  policyVersion: number,
): PostScreening {
  const body = screen(texts.text, audience, policy);
  const spoiler = texts.spoilerText
    ? screen(texts.spoilerText, audience, policy)
    : { action: 'allow' as const, findings: [] };
  return {
    action: maxAction(body.action, spoiler.action),
    findings: [
      ...spoiler.findings.map((f): FieldFinding => ({ ...f, field: 'spoiler_text' })),
      ...body.findings.map((f): FieldFinding => ({ ...f, field: 'status' })),
    ],
    policyVersion,
  };
}

/** The finding that explains the overall action: the first one that carries it. */
export function decisiveFinding(result: {
  action: Action;
  findings: FieldFinding[];
}): FieldFinding | undefined {
  return result.findings.find((f) => f.action === result.action) ?? result.findings[0];
}
