/** A path the app does not know. */
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState } from '../components/States.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <>
      <PageHeader title="Not found" />
      <EmptyState>
        <h2>There is nothing here</h2>
        <p>
          The page may have moved, or it is not visible to you. <Link to="/">Back to home</Link>
        </p>
      </EmptyState>
    </>
  );
}
