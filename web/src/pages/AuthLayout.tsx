/** The calm centred card used by sign-in, one-time links and invitations. */
import type { ReactNode } from 'react';
import { LiveRegion } from '../components/LiveRegion.js';

export function AuthLayout({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main id="main" className="auth-card">
        <div className="auth-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <span>Roost</span>
        </div>
        <h1>{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
      <p className="auth-footer">Your organization’s micro-blog</p>
      <LiveRegion />
    </div>
  );
}
