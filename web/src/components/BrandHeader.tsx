/**
 * The top of every page of one brand: its colour as a banner, its mark and name, the viewer's
 * roles, the pause state with Pause / Resume for owners, and links to drafts, calendar, settings.
 */
import { useQuery } from '@tanstack/react-query';
import { brandKeys, getBrand, type Brand } from '../api/brands.js';
import { useLocation, Link } from '../router.js';
import { BrandMark, brandStyle, ROLE_LABEL } from './BrandBadges.js';
import { BrandPauseControl } from './BrandPause.js';
import { Icon } from './Icon.js';
import '../styles/brands.css';

export function useBrand(id: string) {
  return useQuery({ queryKey: brandKeys.brand(id), queryFn: () => getBrand(id), enabled: id !== '' });
}

export function BrandHeader({ brand }: { brand: Brand }) {
  const { pathname } = useLocation();
  const base = `/brands/${brand.id}`;
  const links = [
    { to: base, label: 'Drafts' },
    { to: `${base}/calendar`, label: 'Calendar' },
    ...(brand.can.manage_settings ||
    brand.can.manage_members ||
    brand.can.manage_workflow ||
    brand.can.manage_connectors
      ? [{ to: `${base}/settings`, label: 'Settings' }]
      : []),
  ];
  return (
    <section
      className="brand-header"
      style={brandStyle(brand.colour)}
      aria-label={`Brand @${brand.username}`}
    >
      <div className="brand-header-banner" aria-hidden="true" />
      <div className="brand-header-body">
        <BrandMark brand={brand} size={56} />
        <div className="brand-header-text">
          <h2>
            {brand.display_name} <span className="muted">@{brand.username}</span>
          </h2>
          <p className="brand-header-meta">
            {brand.external ? (
              <>
                <Icon name="megaphone" /> Publishes publicly
              </>
            ) : (
              <>
                <Icon name="organization" /> Inside the organization
              </>
            )}
            <span aria-hidden="true"> · </span>
            Undo window {brand.undo_window_seconds}s
            {brand.roles.length > 0 && (
              <>
                <span aria-hidden="true"> · </span>
                You: {brand.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ')}
              </>
            )}
          </p>
        </div>
        <BrandPauseControl brand={brand} />
      </div>
      {brand.paused && (
        <p className="brand-header-paused" role="status">
          <Icon name="pause" />
          {brand.pause ? (
            <span>
              Paused{brand.pause.reason ? `: ${brand.pause.reason}` : ''}. Nothing leaves until an owner
              resumes.
            </span>
          ) : (
            <span>Every brand is paused by an administrator. Nothing leaves until publishing resumes.</span>
          )}
        </p>
      )}
      {brand.two_factor_needed && (
        <p className="brand-header-warning" role="note">
          This brand publishes publicly: <Link to="/settings#two-factor">turn on two-factor sign-in</Link> to
          act on it.
        </p>
      )}
      <nav className="brand-tabs" aria-label={`@${brand.username}`}>
        {links.map((link) => (
          <Link
            key={link.to}
            to={link.to}
            className="brand-tab"
            aria-current={pathname === link.to ? 'page' : undefined}
          >
            {link.label}
          </Link>
        ))}
      </nav>
    </section>
  );
}
