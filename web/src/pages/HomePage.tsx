/** Home: the composer and the people and hashtags you follow, updated live. */
import { Composer } from '../components/Composer.js';
import { PageHeader } from '../components/PageHeader.js';
import { Timeline } from '../components/Timeline.js';
import { HOME } from '../api/keys.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, useLocation } from '../router.js';

export function HomePage() {
  useTitle('Home');
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="Home" />
      <div className="composer-panel">
        <Composer draftKey="home" primary autoFocus={search.get('compose') === '1'} />
      </div>
      <Timeline
        name={HOME}
        path="/api/v1/timelines/home"
        empty={
          <>
            <h2>Your home timeline is quiet</h2>
            <p>
              Follow colleagues from the <Link to="/directory">directory</Link> or see what the whole{' '}
              <Link to="/organization">organization</Link> is saying.
            </p>
          </>
        }
      />
    </>
  );
}
