/** Everything posted to the whole organization, live while the page is open. */
import { ORGANIZATION } from '../api/keys.js';
import { PageHeader } from '../components/PageHeader.js';
import { Timeline } from '../components/Timeline.js';
import { useTimelineStream } from '../hooks/useTimelineStream.js';
import { useTitle } from '../hooks/useTitle.js';

export function OrganizationPage() {
  useTitle('Organization');
  useTimelineStream('/api/v1/streaming/public', ORGANIZATION);
  return (
    <>
      <PageHeader title="Organization" subtitle="Posts from everyone in the organization" />
      <Timeline name={ORGANIZATION} path="/api/v1/timelines/public" empty={<p>Nobody has posted to the organization yet.</p>} />
    </>
  );
}
