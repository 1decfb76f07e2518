/** Brand accounts' pure rules: roles and permissions, approval workflows, the draft state machine, diffs. */
export * from './roles.js';
export * from './errors.js';
export * from './workflow.js';
export * from './draft-machine.js';
export * from './word-diff.js';
