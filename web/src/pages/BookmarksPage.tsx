/** The posts you bookmarked, newest bookmark first. */
import { PageHeader } from '../components/PageHeader.js';
import { Timeline } from '../components/Timeline.js';
import { useTitle } from '../hooks/useTitle.js';

export function BookmarksPage() {
  useTitle('Bookmarks');
  return (
    <>
      <PageHeader title="Bookmarks" subtitle="Only you can see what you bookmark" />
      <Timeline name="bookmarks" path="/api/v1/bookmarks" empty={<p>Bookmark a post to find it again here.</p>} />
    </>
  );
}
