/** The versions of an edited post, newest first. */
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { getHistory } from '../api/statuses.js';
import { Dialog } from './Dialog.js';
import { absoluteTime } from './RelativeTime.js';

export function EditHistory({ statusId, onClose }: { statusId: string; onClose: () => void }) {
  const history = useQuery({ queryKey: keys.history(statusId), queryFn: () => getHistory(statusId) });
  const versions = [...(history.data ?? [])].reverse();
  return (
    <Dialog title="Edit history" onClose={onClose} wide>
      {history.isPending && <p className="muted">Loading…</p>}
      {history.isError && (
        <p className="form-error" role="alert">
          {errorMessage(history.error)}
        </p>
      )}
      <ol className="history-list">
        {versions.map((version, index) => (
          <li key={version.created_at + index} className="history-item">
            <div className="history-meta">
              <strong>{index === versions.length - 1 ? 'Original' : index === 0 ? 'Current' : 'Edited'}</strong>
              <time dateTime={version.created_at}>{absoluteTime(version.created_at)}</time>
            </div>
            {version.spoiler_text && <p className="status-warning">{version.spoiler_text}</p>}
            <div className="status-content" dangerouslySetInnerHTML={{ __html: version.content }} />
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
