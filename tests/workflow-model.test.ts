/**
 * Model-based property tests of the line of authority. Random sequences of actions by random
 * members with random roles drive the real state machine (src/domain/brands) and the real
 * screening engine; an independent oracle checks every post at the moment it would reach a
 * connector: its required approvals hold (searched exhaustively, not the way the machine counts),
 * its final screening does not block, and publishing is not paused unless two different owners or
 * admins broke the glass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  approve,
  confirmBreakGlass,
  dispatch,
  edit,
  recall,
  reject,
  requestBreakGlass,
  schedule,
  submit,
  type DraftFacts,
} from '../src/domain/brands/draft-machine.js';
import { WorkflowError } from '../src/domain/brands/errors.js';
import { BRAND_ROLES, type BrandActor, type BrandFacts, type BrandRole } from '../src/domain/brands/roles.js';
import {
  mergeScreening,
  type ApprovalPolicy,
  type Candidate,
  type ScreeningSummary,
} from '../src/domain/brands/workflow.js';
import { compilePolicy, defaultPolicy, screen } from '../src/screening/index.js';
import { createBrand, draftPath, eventually, person, type Staff } from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

const PEOPLE = [1, 2, 3, 4, 5, 6];
const ADMIN = 9;
const LEGAL_DEPARTMENT = 70;

const TEXTS = [
  'Our spring menu is here: fresh, local and ready for you.',
  'Questions? Write to jane.doe@example.com and we will help.',
  'Hurricane Delia deals: 20% off everything this weekend!',
  'Thoughts are with everyone affected by Hurricane Delia.',
  'This damn good coffee is back.',
];

const calm = compilePolicy(defaultPolicy());
const crisisDocument = defaultPolicy();
crisisDocument.lists.crisisTerms = ['Hurricane Delia'];
const crisis = compilePolicy(crisisDocument);

function screenText(text: string, inCrisis: boolean): ScreeningSummary {
  const result = screen(text, 'external', inCrisis ? crisis : calm);
  return { action: result.action, categories: [...new Set(result.findings.map((f) => f.category))].sort() };
}

const POLICIES: ApprovalPolicy[] = [
  {
    steps: [
      {
        id: 'review',
        name: 'Review',
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 'any',
      },
    ],
  },
  {
    steps: [
      {
        id: 'review',
        name: 'Review',
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 'any',
      },
      {
        id: 'owner',
        name: 'Owner',
        approvers: { people: [], roles: ['owner'], departments: [] },
        quorum: 'any',
      },
    ],
  },
  {
    steps: [
      {
        id: 'review',
        name: 'Review',
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 2,
      },
      {
        id: 'legal',
        name: 'Legal',
        approvers: { people: [6], roles: [], departments: [LEGAL_DEPARTMENT] },
        quorum: 'any',
        when: { screeningCategories: ['personal', 'crisis', 'confidential'] },
      },
    ],
  },
  {
    steps: [
      {
        id: 'everyone',
        name: 'Every approver',
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 'all',
      },
    ],
  },
];

type Action =
  | { kind: 'edit'; by: number; text: number }
  | { kind: 'submit'; by: number }
  | { kind: 'approve'; by: number }
  | { kind: 'reject'; by: number }
  | { kind: 'schedule'; by: number; delay: number }
  | { kind: 'recall'; by: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'crisis'; on: boolean }
  | { kind: 'breakGlass'; by: number }
  | { kind: 'confirmBreakGlass'; by: number }
  | { kind: 'revoke'; who: number; role: BrandRole };

/** Positive: that person (9 is the admin). Negative: someone picked at run time among those holding a fitting role, so sequences get far. */
const anyone = fc.oneof(fc.constantFrom(...PEOPLE, ADMIN), fc.integer({ min: -20, max: -1 }));
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), by: anyone, text: fc.nat(TEXTS.length - 1) }),
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), by: anyone }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('approve' as const), by: anyone }), weight: 10 },
  fc.record({ kind: fc.constant('reject' as const), by: anyone }),
  {
    arbitrary: fc.record({ kind: fc.constant('schedule' as const), by: anyone, delay: fc.nat(120_000) }),
    weight: 5,
  },
  fc.record({ kind: fc.constant('recall' as const), by: anyone }),
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(200_000) }), weight: 6 },
  fc.record({ kind: fc.constant('pause' as const) }),
  { arbitrary: fc.record({ kind: fc.constant('resume' as const) }), weight: 2 },
  fc.record({ kind: fc.constant('crisis' as const), on: fc.boolean() }),
  { arbitrary: fc.record({ kind: fc.constant('breakGlass' as const), by: anyone }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('confirmBreakGlass' as const), by: anyone }), weight: 2 },
  fc.record({
    kind: fc.constant('revoke' as const),
    who: fc.constantFrom(...PEOPLE),
    role: fc.constantFrom(...BRAND_ROLES),
  }),
);

const roster = fc.array(fc.subarray([...BRAND_ROLES]), {
  minLength: PEOPLE.length,
  maxLength: PEOPLE.length,
});

interface World {
  roles: Map<number, Set<BrandRole>>;
  departments: Map<number, number | null>;
  policy: ApprovalPolicy;
  draft: DraftFacts;
  text: string;
  paused: boolean;
  crisis: boolean;
  now: number;
  breakGlassBy: number | null;
  /** Who confirmed the current pause override (for the oracle). */
  glass: { requestedBy: number; confirmedBy: number } | null;
  sent: number;
}

function actorOf(world: World, id: number): BrandActor {
  return {
    accountId: id,
    roles: new Set(world.roles.get(id) ?? []),
    admin: id === ADMIN,
    twoFactor: true,
    departmentId: world.departments.get(id) ?? null,
  };
}

function candidatesOf(world: World): Candidate[] {
  return PEOPLE.map((id) => ({
    accountId: id,
    roles: [...(world.roles.get(id) ?? [])],
    departmentId: world.departments.get(id) ?? null,
  }));
}

function brandOf(world: World): BrandFacts {
  return {
    external: true,
    requireTwoFactor: true,
    paused: world.paused,
    workflowPeople: [6],
    workflowDepartments: [LEGAL_DEPARTMENT],
  };
}

/** The oracle, written apart from src/domain/brands/workflow.ts: could these approvals satisfy these steps? */
function approvalsSuffice(world: World, screening: ScreeningSummary): boolean {
  const categories = new Set(screening.categories);
  const steps = world.policy.steps.filter(
    (s) => !s.when || s.when.screeningCategories.some((c) => categories.has(c)),
  );
  const required = steps.map((s) => ({
    people: s.approvers.people,
    roles: s.approvers.roles,
    departments: s.approvers.departments,
    quorum: s.quorum,
  }));
  if (screening.action === 'review')
    required.push({ people: [], roles: ['owner', 'approver'], departments: [], quorum: 'any' });
  const eligible = (stepIndex: number, id: number) => {
    const s = required[stepIndex]!;
    const department = world.departments.get(id) ?? null;
    return (
      !world.draft.authors.includes(id) &&
      (s.people.includes(id) ||
        [...(world.roles.get(id) ?? [])].some((r) => s.roles.includes(r)) ||
        (department !== null && s.departments.includes(department)))
    );
  };
  const approvers = [...new Set(world.draft.approvals.map((a) => a.accountId))];
  // Every way of giving each approver to one step they are eligible for (or none).
  const assign = (i: number, chosen: number[]): boolean => {
    if (i === approvers.length) {
      return required.every((s, index) => {
        const count = chosen.filter((c) => c === index).length;
        const free = PEOPLE.filter(
          (id) => eligible(index, id) && (chosen[approvers.indexOf(id)] ?? -1) in { [-1]: 1, [index]: 1 },
        );
        const needed = s.quorum === 'any' ? 1 : s.quorum === 'all' ? Math.max(1, free.length) : s.quorum;
        return count >= needed;
      });
    }
    for (let step = -1; step < required.length; step++) {
      if (step >= 0 && !eligible(step, approvers[i]!)) continue;
      if (assign(i + 1, [...chosen, step])) return true;
    }
    return false;
  };
  return assign(0, []);
}

function attempt(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    // Refusals are part of the game; anything else is a bug.
    if (!(error instanceof WorkflowError)) throw error;
  }
}

const FITTING: Partial<Record<Action['kind'], BrandRole[]>> = {
  edit: ['contributor'],
  submit: ['contributor'],
  approve: ['approver', 'owner'],
  reject: ['approver', 'owner'],
  schedule: ['publisher'],
  recall: ['publisher'],
  breakGlass: ['owner'],
  confirmBreakGlass: ['owner'],
};

function resolve(world: World, step: Action): Action {
  if (!('by' in step) || step.by > 0) return step;
  const roles = FITTING[step.kind] ?? [];
  const fitting = PEOPLE.filter(
    (id) => roles.some((r) => world.roles.get(id)?.has(r)) || (step.kind === 'approve' && id === 5),
  );
  const pool = fitting.length > 0 ? fitting : PEOPLE;
  return { ...step, by: pool[-step.by % pool.length]! };
}

function run(world: World, raw: Action): void {
  const step = resolve(world, raw);
  const brand = brandOf(world);
  const people = candidatesOf(world);
  switch (step.kind) {
    case 'edit':
      attempt(() => {
        const result = edit(world.draft, actorOf(world, step.by), brand);
        world.text = TEXTS[step.text]!;
        world.draft = {
          ...world.draft,
          state: 'draft',
          authors: [...new Set([world.draft.authors[0]!, step.by])],
          approvals: [],
          sendAt: null,
          pauseOverride: null,
        };
        world.glass = null;
        world.breakGlassBy = null;
        if (result.resubmit) doSubmit(world, step.by);
      });
      return;
    case 'submit':
      attempt(() => doSubmit(world, step.by));
      return;
    case 'approve':
      attempt(() => {
        const result = approve(world.draft, actorOf(world, step.by), brand, people);
        expect(world.draft.authors).not.toContain(step.by);
        world.draft = {
          ...world.draft,
          state: result.state,
          approvals: [...world.draft.approvals, { accountId: step.by, stepId: result.stepId }],
        };
      });
      return;
    case 'reject':
      attempt(() => {
        reject(world.draft, actorOf(world, step.by), brand, 'Not like this');
        world.draft = { ...world.draft, state: 'draft', sendAt: null, pauseOverride: null };
      });
      return;
    case 'schedule':
      attempt(() => {
        const result = schedule(
          world.draft,
          actorOf(world, step.by),
          brand,
          world.now + step.delay,
          world.now,
          60_000,
        );
        world.draft = { ...world.draft, state: 'scheduled', sendAt: result.sendAt };
      });
      return;
    case 'recall':
      attempt(() => {
        recall(world.draft, actorOf(world, step.by), brand);
        world.draft = { ...world.draft, state: 'draft', sendAt: null, pauseOverride: null, approvals: [] };
        world.glass = null;
      });
      return;
    case 'tick': {
      world.now += step.ms;
      const final = screenText(world.text, world.crisis);
      // Who may break the glass now: the brand's owners and the admin.
      const holders = new Set([ADMIN, ...PEOPLE.filter((id) => world.roles.get(id)?.has('owner'))]);
      const result = dispatch(world.draft, brand, final, people, world.now, holders);
      if (result.outcome === 'send') {
        // The moment a post would reach a connector: the oracle checks everything independently.
        const screening = mergeScreening(world.draft.screening, final)!;
        expect(screenText(world.text, world.crisis).action).not.toBe('block');
        expect(approvalsSuffice(world, screening)).toBe(true);
        for (const a of world.draft.approvals) expect(world.draft.authors).not.toContain(a.accountId);
        if (world.paused) {
          expect(world.glass).not.toBeNull();
          expect(world.glass!.requestedBy).not.toBe(world.glass!.confirmedBy);
          for (const id of [world.glass!.requestedBy, world.glass!.confirmedBy]) {
            expect(id === ADMIN || world.roles.get(id)?.has('owner')).toBe(true);
          }
        }
        world.sent += 1;
        // Published; the next post starts as a fresh draft by the same author.
        world.draft = {
          ...world.draft,
          state: 'draft',
          authors: [world.draft.authors[0]!],
          screening: null,
          approvals: [],
          sendAt: null,
          pauseOverride: null,
        };
        world.glass = null;
        world.breakGlassBy = null;
      } else if (result.outcome === 'blocked') {
        world.draft = { ...world.draft, state: 'draft', sendAt: null, pauseOverride: null };
      } else if (result.outcome === 'needs_review') {
        world.draft = { ...world.draft, state: 'in_review', screening: result.screening, sendAt: null };
      }
      return;
    }
    case 'pause':
      world.paused = true;
      return;
    case 'resume':
      world.paused = false;
      return;
    case 'crisis':
      world.crisis = step.on;
      return;
    case 'breakGlass':
      attempt(() => {
        requestBreakGlass(world.draft, actorOf(world, step.by), brand, 'Product recall notice');
        world.breakGlassBy = step.by;
      });
      return;
    case 'confirmBreakGlass':
      attempt(() => {
        const result = confirmBreakGlass(
          world.draft,
          actorOf(world, step.by),
          brand,
          world.breakGlassBy,
          world.now,
        );
        world.glass = { requestedBy: world.breakGlassBy!, confirmedBy: step.by };
        world.draft = {
          ...world.draft,
          state: 'scheduled',
          sendAt: result.sendAt,
          pauseOverride: result.pauseOverride,
        };
      });
      return;
    case 'revoke':
      world.roles.get(step.who)?.delete(step.role);
      return;
  }
}

function doSubmit(world: World, by: number): void {
  const screening = screenText(world.text, world.crisis);
  const result = submit(
    { ...world.draft, approvals: [] },
    actorOf(world, by),
    brandOf(world),
    screening,
    world.policy,
    candidatesOf(world),
  );
  if (result.blocked) {
    world.draft = { ...world.draft, state: 'draft', screening: null };
    return;
  }
  world.draft = {
    ...world.draft,
    state: result.state,
    workflow: world.policy,
    screening,
    approvals: [],
    sendAt: null,
    pauseOverride: null,
  };
  world.glass = null;
  world.breakGlassBy = null;
}

describe('the line of authority (model)', () => {
  it('never lets a post reach a connector without its approvals, a clean final screening, or during a pause', () => {
    let sent = 0;
    fc.assert(
      fc.property(
        roster,
        fc.nat(POLICIES.length - 1),
        fc.nat(PEOPLE.length - 1),
        fc.array(action, { minLength: 30, maxLength: 120 }),
        (roles, policyIndex, authorIndex, actions) => {
          const author = PEOPLE[authorIndex]!;
          const world: World = {
            roles: new Map(PEOPLE.map((id, i) => [id, new Set(roles[i])])),
            departments: new Map(PEOPLE.map((id) => [id, id === 5 ? LEGAL_DEPARTMENT : null])),
            policy: POLICIES[policyIndex]!,
            draft: {
              state: 'draft',
              authors: [author],
              workflow: POLICIES[policyIndex]!,
              screening: null,
              approvals: [],
              sendAt: null,
              pauseOverride: null,
            },
            text: TEXTS[0]!,
            paused: false,
            crisis: false,
            now: 0,
            breakGlassBy: null,
            glass: null,
            sent: 0,
          };
          for (const step of actions) run(world, step);
          sent += world.sent;
        },
      ),
      { numRuns: 2000 },
    );
    // The property is only meaningful if posts do get sent in some runs.
    expect(sent).toBeGreaterThan(200);
  });

  it('sends a well-approved post in the happy case (a sanity check of the driver)', () => {
    const world: World = {
      roles: new Map([
        [1, new Set<BrandRole>(['contributor'])],
        [2, new Set<BrandRole>(['approver'])],
        [3, new Set<BrandRole>(['publisher'])],
        [4, new Set<BrandRole>()],
        [5, new Set<BrandRole>()],
        [6, new Set<BrandRole>(['owner'])],
      ]),
      departments: new Map(PEOPLE.map((id) => [id, null])),
      policy: POLICIES[0]!,
      draft: {
        state: 'draft',
        authors: [1],
        workflow: POLICIES[0]!,
        screening: null,
        approvals: [],
        sendAt: null,
        pauseOverride: null,
      },
      text: TEXTS[0]!,
      paused: false,
      crisis: false,
      now: 0,
      breakGlassBy: null,
      glass: null,
      sent: 0,
    };
    for (const step of [
      { kind: 'submit', by: 1 },
      { kind: 'approve', by: 2 },
      { kind: 'schedule', by: 3, delay: 0 },
      { kind: 'tick', ms: 59_000 },
    ] as Action[])
      run(world, step);
    expect(world.sent).toBe(0);
    run(world, { kind: 'tick', ms: 1000 });
    expect(world.sent).toBe(1);
    expect(world.draft.state).toBe('draft');
  });
});

/**
 * The same property through the real server, smaller: random action sequences by random members
 * over HTTP, the outbox running for real, a webhook receiver as the connector's far end. Every
 * post the receiver got is checked afterwards against the audit trail and the screening engine.
 */
describe.each(DIALECTS)('the line of authority through the API (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let staff: Staff[];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    receiver = await WebhookReceiver.start();
    admin = await person(server, { role: 'admin', twoFactor: true });
    staff = [];
    for (let i = 0; i < 4; i++) staff.push(await person(server, { twoFactor: true }));
    await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' });
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  const API_TEXTS = [
    'Fresh bread every morning.',
    'Happy Friday, shooters! Great deals this weekend.',
    'Happy Friday, shooters!',
    'Questions? Write to jane.doe@example.com',
  ];

  type ApiAction =
    | { kind: 'write'; by: number; text: number }
    | { kind: 'edit'; by: number; text: number }
    | {
        kind: 'submit' | 'approve' | 'schedule' | 'recall' | 'breakGlass' | 'confirm' | 'pause' | 'resume';
        by: number;
      }
    | { kind: 'reject'; by: number }
    | { kind: 'crisis'; on: boolean };

  /** 0–3: that member. Negative: a member picked at run time among those holding a fitting role. */
  const who = fc.oneof(fc.nat(3), fc.integer({ min: -8, max: -1 }));
  const API_FITTING: Record<string, string[]> = {
    write: ['contributor'],
    edit: ['contributor'],
    submit: ['contributor'],
    approve: ['approver', 'owner'],
    reject: ['approver', 'owner'],
    schedule: ['publisher'],
    recall: ['publisher'],
    pause: ['owner'],
    resume: ['owner'],
    breakGlass: ['owner'],
    confirm: ['owner'],
  };
  function pick(roles: string[][], kind: string, by: number): number {
    if (by >= 0) return by;
    const fitting = roles
      .map((r, i) => [r, i] as const)
      .filter(([r]) => (API_FITTING[kind] ?? []).some((role) => r.includes(role)));
    return fitting.length === 0 ? 0 : fitting[-by % fitting.length]![1];
  }

  const apiAction: fc.Arbitrary<ApiAction> = fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('write' as const),
        by: who,
        text: fc.nat(API_TEXTS.length - 1),
      }),
      weight: 3,
    },
    fc.record({ kind: fc.constant('edit' as const), by: who, text: fc.nat(API_TEXTS.length - 1) }),
    { arbitrary: fc.record({ kind: fc.constant('submit' as const), by: who }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('approve' as const), by: who }), weight: 6 },
    fc.record({ kind: fc.constant('reject' as const), by: who }),
    { arbitrary: fc.record({ kind: fc.constant('schedule' as const), by: who }), weight: 4 },
    fc.record({ kind: fc.constant('recall' as const), by: who }),
    fc.record({ kind: fc.constant('pause' as const), by: who }),
    { arbitrary: fc.record({ kind: fc.constant('resume' as const), by: who }), weight: 2 },
    fc.record({ kind: fc.constant('breakGlass' as const), by: who }),
    fc.record({ kind: fc.constant('confirm' as const), by: who }),
    fc.record({ kind: fc.constant('crisis' as const), on: fc.boolean() }),
  );

  /** Whole attempts at getting a post out (with possibly the wrong people), between single random actions. */
  const pipeline: fc.Arbitrary<ApiAction[]> = fc
    .tuple(fc.nat(API_TEXTS.length - 1), who, who, who, who)
    .map(([text, a, b, c, d]) => [
      { kind: 'write', by: -1 - (a & 7), text },
      { kind: 'submit', by: a },
      { kind: 'approve', by: b },
      { kind: 'approve', by: c },
      { kind: 'schedule', by: d },
    ]);
  const apiActions = fc
    .array(
      fc.oneof({ arbitrary: pipeline, weight: 1 }, { arbitrary: apiAction.map((a) => [a]), weight: 3 }),
      { minLength: 6, maxLength: 14 },
    )
    .map((chunks) => chunks.flat());

  async function settle(): Promise<void> {
    await eventually(
      () =>
        server.ctx.database.db
          .selectFrom('jobs')
          .select('id')
          .where('name', 'like', 'brand.%')
          .where('dead_at', 'is', null)
          .where('run_at', '<=', Date.now())
          .execute(),
      (jobs) => jobs.length === 0,
    );
  }

  it(
    'never delivers a post without its approvals, a clean final screening, or during a pause',
    { timeout: 240_000 },
    async () => {
      let deliveredTotal = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.subarray([...BRAND_ROLES]), { minLength: 4, maxLength: 4 }),
          apiActions,
          async (extra, actions) => {
            // Someone holds each role (more at random), so that sequences can get somewhere.
            const roles = ['contributor', 'approver', 'publisher', 'owner'].map((base, i) => [
              ...new Set([base, ...extra[i]!]),
            ]);
            const brand = await createBrand(admin.client, {
              external: true,
              members: staff.map((p, i) => [p, roles[i]!] as [Staff, string[]]),
            });
            const created = await staff[3]!.client.post(`/api/roost/v1/brands/${brand.id}/connectors`, {
              kind: 'webhook',
              name: 'Model',
              settings: { url: receiver.url },
            });
            expect(created.status).toBe(200);
            receiver.secret = created.body.secret;
            const crisisChanges: Array<{ at: number; on: boolean }> = [{ at: 0, on: false }];
            let current: string | null = null;
            for (const step of actions) {
              const client = 'by' in step ? staff[pick(roles, step.kind, step.by)]!.client : admin.client;
              const path = current ? draftPath(brand, current) : null;
              switch (step.kind) {
                case 'write': {
                  const res = await client.post(`/api/roost/v1/brands/${brand.id}/drafts`, {
                    status: API_TEXTS[step.text],
                  });
                  if (res.status === 200) current = res.body.id;
                  break;
                }
                case 'edit':
                  if (path) await client.put(path, { status: API_TEXTS[step.text] });
                  break;
                case 'reject':
                  if (path) await client.post(`${path}/reject`, { comment: 'No' });
                  break;
                case 'pause':
                  await client.post(`/api/roost/v1/brands/${brand.id}/pause`, { reason: 'model pause' });
                  break;
                case 'resume':
                  await client.post(`/api/roost/v1/brands/${brand.id}/resume`, { reason: 'model resume' });
                  break;
                case 'breakGlass':
                  if (path) await client.post(`${path}/break_glass`, { reason: 'model' });
                  break;
                case 'confirm':
                  if (path) await client.post(`${path}/break_glass/confirm`);
                  break;
                case 'crisis': {
                  const document = defaultPolicy();
                  document.lists.crisisTerms = step.on ? ['shooters'] : [];
                  await admin.client.put('/api/roost/v1/screening/policy', { document });
                  crisisChanges.push({ at: Date.now(), on: step.on });
                  break;
                }
                default:
                  if (path) await client.post(`${path}/${step.kind}`);
              }
              await settle();
            }
            await settle();
            // Then the happy path, which must get through: the system stays live whatever came before.
            await admin.client.put('/api/roost/v1/screening/policy', { document: defaultPolicy() });
            crisisChanges.push({ at: Date.now(), on: false });
            await staff[3]!.client.post(`/api/roost/v1/brands/${brand.id}/resume`, { reason: 'end of run' });
            const last = (
              await staff[0]!.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, {
                status: 'Fresh bread every morning.',
              })
            ).body.id;
            await staff[0]!.client.post(draftPath(brand, last, 'submit'));
            await staff[1]!.client.post(draftPath(brand, last, 'approve'));
            await staff[2]!.client.post(draftPath(brand, last, 'schedule'));
            await receiver.waitFor((h) => h.payload?.data.draft_id === last);
            await settle();

            // The oracle: every post the far end received, checked against the trail.
            const audit = (
              await admin.client.get(`/api/roost/v1/audit/export?format=json&brand_id=${brand.id}`)
            ).body as Array<{
              action: string;
              subject_id: string;
              actor_id: string | null;
              created_at: string;
              after: { submission?: number; revision_id?: string; pause_override?: boolean } | null;
            }>;
            const got = receiver
              .unique('post.published')
              .filter((h) => h.payload?.data.brand.id === brand.id);
            deliveredTotal += got.length;
            for (const hook of got) {
              expect(hook.verified).toBe(true);
              const id = hook.payload!.data.draft_id;
              const draft = (await admin.client.get(draftPath(brand, id))).body;
              const send = audit.filter((r) => r.subject_id === id && r.action === 'draft.send').pop()!;
              expect(send).toBeDefined();
              const sentAt = Date.parse(send.created_at);
              // Approvals of the submission that was sent, none by its authors.
              const submitted = audit
                .filter(
                  (r) =>
                    r.subject_id === id && r.action === 'draft.submit' && Date.parse(r.created_at) <= sentAt,
                )
                .pop()!;
              const approvals = audit.filter(
                (r) =>
                  r.subject_id === id &&
                  r.action === 'draft.approve' &&
                  r.after?.submission === submitted.after?.submission,
              );
              expect(approvals.length).toBeGreaterThan(0);
              const editors = audit
                .filter(
                  (r) => r.subject_id === id && (r.action === 'draft.create' || r.action === 'draft.edit'),
                )
                .map((r) => r.actor_id);
              for (const approval of approvals) expect(editors).not.toContain(approval.actor_id);
              expect(draft.steps.every((s: { satisfied: boolean }) => s.satisfied)).toBe(true);
              // Not during a pause, unless two people broke the glass.
              const pausedThen = pauseAt(audit, sentAt);
              if (pausedThen) {
                expect(send.after?.pause_override).toBe(true);
                const confirm = audit
                  .filter((r) => r.subject_id === id && r.action === 'draft.break_glass_confirm')
                  .pop()!;
                const request = audit
                  .filter((r) => r.subject_id === id && r.action === 'draft.break_glass_request')
                  .pop()!;
                expect(confirm.actor_id).not.toBe(request.actor_id);
              }
              // The text that left passes the screening in force when it left.
              const crisis = crisisChanges.filter((c) => c.at <= sentAt).pop()!.on;
              const document = defaultPolicy();
              document.lists.crisisTerms = crisis ? ['shooters'] : [];
              expect(screen(hook.payload!.data.text!, 'external', compilePolicy(document)).action).not.toBe(
                'block',
              );
            }
          },
        ),
        { numRuns: 15 },
      );
      // Beyond the happy path that ends every run, random sequences got posts out too.
      expect(deliveredTotal).toBeGreaterThan(15);
    },
  );

  function pauseAt(audit: Array<{ action: string; created_at: string }>, at: number): boolean {
    let paused = false;
    for (const row of audit) {
      if (Date.parse(row.created_at) > at) break;
      if (row.action === 'pause.brand') paused = true;
      if (row.action === 'pause.brand_resume') paused = false;
    }
    return paused;
  }
});
