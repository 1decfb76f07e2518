/** Sets the document title for a page. */
import { useEffect } from 'react';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Roost` : 'Roost';
  }, [title]);
}
