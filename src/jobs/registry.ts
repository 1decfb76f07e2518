/** Every background job Roost runs, registered on the queue in one place. */
import type { JobQueue } from './queue.js';
import type { Services } from '../services/index.js';

const HOUR = 60 * 60 * 1000;

export function registerJobs(jobs: JobQueue, services: Services): void {
  // Uploads nobody attached within a day, and files of deleted posts.
  jobs.every('media.sweep', HOUR, async () => {
    await services.media.sweep();
  });
}
