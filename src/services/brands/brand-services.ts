/**
 * The brand-account services, built together (they share the brand store and the outbox), and
 * the registration of their jobs on the process's queue.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Accounts } from '../accounts/account-service.js';
import { Approvals } from '../approvals/approval-service.js';
import { CandidateResolver } from '../approvals/candidates.js';
import { Audit } from '../audit/audit-service.js';
import { OutboundAllowlist } from '../connectors/allowlist.js';
import { Connectors } from '../connectors/connector-service.js';
import type { ExternalScreening } from '../drafts/draft-screening.js';
import { Drafts } from '../drafts/draft-service.js';
import { DraftTransactions } from '../drafts/draft-transaction.js';
import type { Notifications } from '../notifications/notification-service.js';
import { SmtpMailer, type Mailer } from '../outbox/mailer.js';
import { BrandNotices } from '../outbox/notices.js';
import { Outbox } from '../outbox/outbox-service.js';
import type { Posts } from '../posts/post-service.js';
import { TwoFactor } from '../two-factor/two-factor-service.js';
import { BrandAccess } from './brand-access.js';
import { Brands } from './brand-service.js';
import { BrandStore } from './brand-store.js';

export interface BrandServices {
  audit: Audit;
  twoFactor: TwoFactor;
  brands: Brands;
  drafts: Drafts;
  approvals: Approvals;
  connectors: Connectors;
  outboundAllowlist: OutboundAllowlist;
  outbox: Outbox;
}

export interface BrandServiceDeps {
  config: Config;
  database: Database;
  accounts: Accounts;
  posts: Posts;
  notifications: Notifications;
  screening: ExternalScreening;
  /** Defaults to SMTP when ROOST_SMTP_URL is set. */
  mailer?: Mailer | null;
}

export function createBrandServices(deps: BrandServiceDeps): BrandServices {
  const { config, database, accounts, posts, notifications, screening } = deps;
  const audit = new Audit(database);
  const twoFactor = new TwoFactor(database, audit);
  const store = new BrandStore();
  const access = new BrandAccess(database, store, accounts, twoFactor);
  const candidates = new CandidateResolver(database, store, accounts);
  const transactions = new DraftTransactions(database, access, candidates);
  const outboundAllowlist = new OutboundAllowlist(database, audit);
  const connectors = new Connectors(database, access, audit, outboundAllowlist);
  const mailer =
    deps.mailer !== undefined
      ? deps.mailer
      : config.smtpUrl
        ? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom })
        : null;
  let outbox: Outbox | null = null;
  const notices = new BrandNotices(
    notifications,
    () => outbox!.jobs(),
    mailer !== null,
    () => config.baseUrl,
  );
  outbox = new Outbox({
    config,
    database,
    store,
    access,
    candidates,
    connectors,
    posts,
    accounts,
    screening,
    audit,
    notices,
    mailer,
  });
  const brands = new Brands(database, store, access, accounts, audit);
  brands.onResume(outbox);
  const drafts = new Drafts({
    config,
    database,
    store,
    access,
    candidates,
    transactions,
    screening,
    outbox,
    audit,
    notices,
    posts,
  });
  const approvals = new Approvals(transactions, audit, notices);
  return { audit, twoFactor, brands, drafts, approvals, connectors, outboundAllowlist, outbox };
}

/** Gives the brand outbox the process's job queue and registers its handlers (dispatch, delivery, email). */
export function registerBrandJobs(jobs: JobQueue, services: Pick<BrandServices, 'outbox'>): void {
  services.outbox.attach(jobs);
}
