/** The OAuth pages: sign in, approve an application, see a code to paste, or learn why a request failed. */
import { escapeHtml, hiddenFields, layout } from './layout.js';

export interface SignInPage {
  applicationName: string;
  /** The authorization request, carried through the form so sign-in returns to it. */
  params: Record<string, string | undefined>;
  csrf: string;
  login?: string;
  error?: string;
  /** Ask for the two-factor code as well (the person has two-factor sign-in on). */
  askCode?: boolean;
}

export function signInPage(page: SignInPage): string {
  return layout(
    'Sign in',
    `<h1>Sign in to Roost</h1>
<p><strong>${escapeHtml(page.applicationName)}</strong> wants to use your Roost account. Sign in first.</p>
${page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ''}
<form method="post" action="/oauth/sign_in">
${hiddenFields({ ...page.params, csrf: page.csrf })}
<label for="login">Username or e-mail</label>
<input type="text" id="login" name="login" autocomplete="username" required value="${escapeHtml(page.login ?? '')}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
${
  page.askCode
    ? `<label for="otp">Two-factor code (or a recovery code)</label>
<input type="text" id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" required autofocus>`
    : ''
}
<div class="actions"><button class="primary" type="submit">Sign in</button></div>
</form>`,
  );
}

export interface ConsentPage {
  applicationName: string;
  website: string | null;
  username: string;
  scopes: Array<{ scope: string; description: string }>;
  params: Record<string, string | undefined>;
  csrf: string;
  /** Where "sign in as someone else" goes. */
  switchAccountUrl: string;
}

export function consentPage(page: ConsentPage): string {
  const name = escapeHtml(page.applicationName);
  const website = page.website ? ` <span class="muted">(${escapeHtml(page.website)})</span>` : '';
  const scopes = page.scopes
    .map((s) => `<li>${escapeHtml(s.description)} <span class="muted">(${escapeHtml(s.scope)})</span></li>`)
    .join('\n');
  return layout(
    'Authorize',
    `<h1>Authorize ${name}?</h1>
<p><strong>${name}</strong>${website} asks for access to your account <strong>@${escapeHtml(page.username)}</strong>. It will be able to:</p>
<ul>
${scopes}
</ul>
<p class="muted">You can take this back at any time in your settings, under authorized apps.</p>
<form method="post" action="/oauth/authorize">
${hiddenFields({ ...page.params, csrf: page.csrf })}
<div class="actions">
<button class="primary" type="submit" name="decision" value="approve">Authorize</button>
<button class="secondary" type="submit" name="decision" value="deny">Deny</button>
</div>
</form>
<p class="muted">Not @${escapeHtml(page.username)}? <a href="${escapeHtml(page.switchAccountUrl)}">Sign in as someone else</a>.</p>`,
  );
}

export function codePage(applicationName: string, code: string): string {
  return layout(
    'Authorization code',
    `<h1>Authorization code</h1>
<p>Copy this code and paste it into <strong>${escapeHtml(applicationName)}</strong>:</p>
<code id="code">${escapeHtml(code)}</code>
<p class="muted">It works once, within ten minutes.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>`,
  );
}
