/**
 * Telling people about brand drafts: approvers when something waits for them, authors when their
 * draft moves. In the app as notifications from the brand account (Roost types `brand_review`
 * and `brand_update`), and by email when SMTP is configured — the email is a job written in the
 * same transaction, like everything else that leaves the process.
 */
import type { Database } from '../../db/database.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Notifications } from '../notifications/notification-service.js';

export const EMAIL_JOB = 'brand.email';

export interface EmailJob {
  accountId: number;
  subject: string;
  text: string;
}

export interface NoticeBrand {
  id: number;
  accountId: number;
  username: string;
  displayName: string;
}

export class BrandNotices {
  constructor(
    private readonly notifications: Notifications,
    private readonly queue: () => JobQueue,
    private readonly mailEnabled: boolean,
    private readonly baseUrl: () => string,
  ) {}

  async reviewWaiting(
    tx: Database,
    brand: NoticeBrand,
    draftId: number,
    recipients: readonly number[],
    stepName: string,
  ): Promise<void> {
    for (const accountId of new Set(recipients)) {
      await this.notifications.create(tx, {
        accountId,
        fromAccountId: brand.accountId,
        type: 'brand_review',
        statusId: null,
      });
      await this.email(tx, accountId, `@${brand.username}: a post waits for your approval`, [
        `A draft for @${brand.username} (${brand.displayName}) waits for your approval at the step "${stepName}".`,
        '',
        this.link(brand, draftId),
      ]);
    }
  }

  async draftMoved(
    tx: Database,
    brand: NoticeBrand,
    draftId: number,
    recipients: readonly number[],
    what: string,
  ): Promise<void> {
    for (const accountId of new Set(recipients)) {
      await this.notifications.create(tx, {
        accountId,
        fromAccountId: brand.accountId,
        type: 'brand_update',
        statusId: null,
      });
      await this.email(tx, accountId, `@${brand.username}: ${what}`, [
        `Your draft for @${brand.username}: ${what}.`,
        '',
        this.link(brand, draftId),
      ]);
    }
  }

  private async email(tx: Database, accountId: number, subject: string, lines: string[]): Promise<void> {
    if (!this.mailEnabled) return;
    const job: EmailJob = { accountId, subject, text: lines.join('\n') };
    await this.queue().enqueue(tx, EMAIL_JOB, job, { maxAttempts: 5 });
  }

  private link(brand: NoticeBrand, draftId: number): string {
    return `${this.baseUrl()}/brands/${brand.id}/drafts/${draftId}`;
  }
}
