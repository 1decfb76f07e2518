// Public API of the screening engine. Pure code: imports nothing from the rest of the server.
export { screen, detect } from './screen.js';
export { compilePolicy, type CompiledPolicy } from './compile.js';
export {
  defaultPolicy,
  parsePolicyDocument,
  mergePolicyOverrides,
  PolicyError,
  LIST_NAMES,
  type PolicyDocument,
  type PolicyLists,
  type PolicyErrorCode,
  type RuleActions,
} from './policy-document.js';
export { screenJsonLines, screenJsonLine, linesFromChunks } from './json-lines.js';
export { ACTIONS, actionRank, maxAction, isAction } from './actions.js';
export { RULES, CATEGORIES, type RuleSpec } from './rules.js';
export type { Action, Audience, Category, Finding, ScreeningResult } from './types.js';
