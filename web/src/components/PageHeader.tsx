/** The sticky heading at the top of the main column; optional back button and actions. */
import type { ReactNode } from 'react';
import { Icon } from './Icon.js';

export function PageHeader({ title, subtitle, back, actions }: { title: ReactNode; subtitle?: ReactNode; back?: boolean; actions?: ReactNode }) {
  return (
    <header className="page-header">
      {back && (
        <button
          type="button"
          className="icon-button"
          aria-label="Back"
          onClick={() => (window.history.length > 1 ? window.history.back() : window.location.assign('/'))}
        >
          <Icon name="arrowLeft" />
        </button>
      )}
      <div className="page-header-text">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-header-actions">{actions}</div>}
    </header>
  );
}
