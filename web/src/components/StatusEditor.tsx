/** Edits one's own post in place: loads the plain-text source, saves with PUT, keeps the text on failure. */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { editStatus, getSource } from '../api/statuses.js';
import type { Status } from '../api/types.js';
import { countGraphemes } from '../hooks/graphemes.js';
import { announce } from '../hooks/live-store.js';
import { replaceStatus } from '../hooks/status-cache.js';
import { useMaxCharacters } from '../hooks/useInstance.js';

export function StatusEditor({ status, onDone }: { status: Status; onDone: () => void }) {
  const max = useMaxCharacters();
  const queryClient = useQueryClient();
  const source = useQuery({ queryKey: ['source', status.id], queryFn: () => getSource(status.id), gcTime: 0 });
  const [text, setText] = useState<string | null>(null);
  const [spoiler, setSpoiler] = useState(status.spoiler_text);

  useEffect(() => {
    if (source.data && text === null) {
      setText(source.data.text);
      setSpoiler(source.data.spoiler_text);
    }
  }, [source.data, text]);

  const save = useMutation({
    mutationFn: () => editStatus(status.id, text ?? '', spoiler),
    onSuccess: (fresh) => {
      replaceStatus(queryClient, fresh);
      void queryClient.invalidateQueries({ queryKey: ['history', status.id] });
      announce('Post updated');
      onDone();
    },
  });

  if (source.isError) {
    return (
      <p className="form-error" role="alert">
        {errorMessage(source.error)}
      </p>
    );
  }
  if (text === null) return <p className="muted">Loading…</p>;

  const count = countGraphemes(text) + countGraphemes(spoiler);
  const over = count > max;
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!over && text?.trim()) save.mutate();
    } else if (event.key === 'Escape') onDone();
  }

  return (
    <form
      className="status-editor"
      aria-label="Edit post"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <input
        className="composer-spoiler"
        value={spoiler}
        onChange={(e) => setSpoiler(e.target.value)}
        placeholder="Content warning (optional)"
        aria-label="Content warning"
        onKeyDown={onKeyDown}
      />
      <textarea className="composer-text" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} aria-label="Post text" autoFocus rows={3} />
      {save.isError && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="composer-bar">
        <span className={`char-count${over ? ' over' : ''}`}>
          {count}/{max}
        </span>
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={over || !text.trim() || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
