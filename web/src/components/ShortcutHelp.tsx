/** The list of keyboard shortcuts, opened with `?`. */
import { SHORTCUTS } from '../hooks/useShortcuts.js';
import { Dialog } from './Dialog.js';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key} className="shortcut-row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
