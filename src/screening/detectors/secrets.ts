// Secrets: cloud keys, API tokens, private keys, JWTs, credentials in URLs and connection
// strings, and passwords in pasted configuration. The patterns follow secretlint's recommended
// preset (see secrets.test.ts, which cross-checks against secretlint itself) but run
// synchronously as precompiled regular expressions, behind one cheap prefilter.
import type { ScanContext } from '../scan-context.js';
import { FACT_AT, FACT_COLON, FACT_DASH } from '../symbols.js';
import { Group } from '../term-index.js';

interface SecretPattern {
  rule: string;
  what: string;
  regex: RegExp;
  /** Which capture group holds the secret itself; 0 = the whole match. */
  group?: number;
  /** Extra check on the captured secret, e.g. to skip placeholders. */
  accept?: (secret: string) => boolean;
}

const PLACEHOLDER =
  /^(?:\*+|x+|\.+|•+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{[^}]*\}|\$[A-Z_]+|%[A-Z_]+%|your[_-]?\w*|my[_-]?password|password\d?|passw(?:or)?d|secret|changeme|redacted|hidden|none|null|undefined|example\w*|placeholder|\?+|-+|_+|same|tbd|n\/a|\.\.\.|env|process\.env\.\w+)$/i;

function notPlaceholder(secret: string): boolean {
  const value = secret.replace(/^["'`]|["'`]$/g, '');
  return value.length >= 4 && !PLACEHOLDER.test(value) && !/^[<[{$%]/.test(value);
}

/** Long random-looking values: letters and digits mixed, not a plain word. */
function looksRandom(secret: string): boolean {
  if (!notPlaceholder(secret)) return false;
  return secret.length >= 16 && /\d/.test(secret) && /[A-Za-z]/.test(secret);
}

const PATTERN_LIST: readonly SecretPattern[] = [
  { rule: 'secrets.private-key', what: 'a private key', regex: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?/g },
  { rule: 'secrets.aws', what: 'an AWS access key ID', regex: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g },
  {
    rule: 'secrets.aws',
    what: 'an AWS secret access key',
    regex: /\baws_?(?:secret)?_?(?:access)?_?key(?:_?id)?["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: looksRandom,
  },
  { rule: 'secrets.gcp', what: 'a Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { rule: 'secrets.gcp', what: 'a Google service-account key', regex: /"private_key_id"\s*:\s*"[0-9a-f]{40}"/g },
  { rule: 'secrets.gcp', what: 'a Google OAuth client secret', regex: /\bGOCSPX-[0-9A-Za-z_-]{28}(?![0-9A-Za-z_-])/g },
  { rule: 'secrets.azure', what: 'an Azure storage account key', regex: /\bAccountKey=([A-Za-z0-9+/]{86}==)/g, group: 1 },
  { rule: 'secrets.azure', what: 'an Azure shared access signature', regex: /\b(?:SharedAccessSignature|SharedAccessKey)=([A-Za-z0-9%+/=]{20,})/g, group: 1 },
  { rule: 'secrets.azure', what: 'an Azure SAS token', regex: /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s]*?\bsig=([A-Za-z0-9%+/=]{30,})/g, group: 1 },
  { rule: 'secrets.github', what: 'a GitHub token', regex: /(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/g },
  { rule: 'secrets.github', what: 'a GitHub fine-grained token', regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])/g },
  { rule: 'secrets.gitlab', what: 'a GitLab token', regex: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/g },
  { rule: 'secrets.slack', what: 'a Slack token', regex: /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr|xoxs|xoxe)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g },
  { rule: 'secrets.slack', what: 'a Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/gi },
  { rule: 'secrets.stripe', what: 'a Stripe secret key', regex: /\b(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{16,247}\b/g },
  { rule: 'secrets.anthropic', what: 'an Anthropic API key', regex: /(?<![A-Za-z0-9])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/g },
  { rule: 'secrets.openai', what: 'an OpenAI API key', regex: /(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?(?!ant-)[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g, accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3)) && !/-[a-z]+-[a-z]+-/.test(s) },
  { rule: 'secrets.npm', what: 'an npm access token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/g },
  { rule: 'secrets.npm', what: 'an npm auth token', regex: /_authToken=([^\s$][^\s]{8,})/g, group: 1, accept: notPlaceholder },
  { rule: 'secrets.sendgrid', what: 'a SendGrid API key', regex: /(?<![A-Za-z0-9])SG\.[\w-]{16,32}\.[\w-]{16,64}(?![\w-])/g },
  { rule: 'secrets.twilio', what: 'a Twilio API key', regex: /\bSK[0-9a-fA-F]{32}\b/g },
  { rule: 'secrets.twilio', what: 'a Twilio auth token', regex: /\btwilio\w*(?:auth)?_?token["']?\s*[:=]\s*["']?([0-9a-f]{32})\b/gi, group: 1 },
  { rule: 'secrets.token', what: 'a Mailgun API key', regex: /\bkey-[0-9a-f]{32}\b/g },
  { rule: 'secrets.token', what: 'a Hugging Face token', regex: /(?<![A-Za-z0-9])hf_[a-zA-Z]{34}(?![a-zA-Z])/g },
  { rule: 'secrets.token', what: 'a Shopify token', regex: /(?<![A-Za-z0-9])(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])/g },
  { rule: 'secrets.token', what: 'a Docker access token', regex: /(?<![A-Za-z0-9])dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-])/g },
  { rule: 'secrets.token', what: 'a Groq API key', regex: /(?<![A-Za-z0-9])gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])/g },
  { rule: 'secrets.token', what: 'a Linear API key', regex: /(?<![A-Za-z0-9])lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_])/g },
  { rule: 'secrets.token', what: 'a Notion token', regex: /(?<![A-Za-z0-9])(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9])/g },
  { rule: 'secrets.token', what: 'a HashiCorp Vault token', regex: /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{90,300}(?![A-Za-z0-9_-])/g },
  { rule: 'secrets.token', what: 'a Databricks token', regex: /(?<![A-Za-z0-9])dapi[A-Fa-f0-9]{32}(?:-\d)?(?![A-Fa-f0-9])/g },
  { rule: 'secrets.token', what: 'a Grafana token', regex: /(?<![A-Za-z0-9])(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=])/g },
  { rule: 'secrets.token', what: 'a Figma token', regex: /(?<![A-Za-z0-9])figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g },
  { rule: 'secrets.token', what: 'a Vercel token', regex: /(?<![A-Za-z0-9])(?:vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])/g },
  { rule: 'secrets.token', what: 'a 1Password service token', regex: /(?<![A-Za-z0-9])ops_ey[A-Za-z0-9+/=]{100,1280}(?![A-Za-z0-9+/=])/g },
  { rule: 'secrets.jwt', what: 'a JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    rule: 'secrets.connection-string',
    what: 'a password in a URL or connection string',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@]{0,100}):([^\s@/]{1,200})@[^\s/?#]+/gi,
    group: 2,
    accept: (s) => notPlaceholder(s) && !/^x-oauth-basic$/i.test(s),
  },
  {
    rule: 'secrets.connection-string',
    what: 'a password in a connection string',
    regex: /\b(?:password|pwd)=([^;\s"']{3,})/gi,
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password',
    regex: /(?:\b|_)(?:pass(?:word|wd|phrase)?|pwd|db_pass\w*)["']?\s*(?:[:=]|=>)\s*("[^"\n]{3,}"|'[^'\n]{3,}'|[^\s"',;]{4,})/gi,
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password',
    regex: /\b(?:my|the|our|his|her|their|wifi|wi-fi|admin|root|account|login|new|temporary|temp|default)\s+(?:password|passcode|pin|passphrase)\s+(?:is|was|=|:)\s*[:"']?\s*([^\s"',;]{4,})/gi,
    group: 1,
    accept: (s) => notPlaceholder(s.replace(/[.!?]+$/, '')) && !/^(?:not|never|still|now|the|a|an|too|very|so|case|weak|strong|required|expired|correct|wrong|incorrect|changed|reset|being|going|set|in|on|stored|saved|secure)$/i.test(s),
  },
  {
    rule: 'secrets.token',
    what: 'an API key or token',
    regex: /\b(?:api[_\s-]?key|api[_\s-]?secret|access[_-]?token|auth[_-]?token|secret[_-]?key|client[_-]?secret|private[_-]?token|bearer)["']?\s*(?:[:=]|=>|\s)\s*["']?([A-Za-z0-9_\-/+=.]{16,})/gi,
    group: 1,
    accept: looksRandom,
  },
];

// The `d` flag records capture-group offsets, so a finding covers exactly the secret.
const PATTERNS: readonly SecretPattern[] = PATTERN_LIST.map((p) => ({ ...p, regex: new RegExp(p.regex.source, p.regex.flags + 'd') }));

/** Any hint that one of the patterns could match; the common case (no hint) costs one test. */
const URL_CREDENTIALS = /:\/\/[^\s/@]*:[^\s@/]+@/;

/** Whether '://' occurs (a single-character search per ':' beats a substring search). */
export function hasSchemeSeparator(text: string): boolean {
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (text.charCodeAt(at + 1) === 47 && text.charCodeAt(at + 2) === 47) return true;
  }
  return false;
}

function hasKeyBlock(text: string): boolean {
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) {
    if (text.startsWith('-----BEGIN', at)) return true;
  }
  return false;
}

export function detectSecrets(ctx: ScanContext): void {
  const { text } = ctx;
  // The automaton already saw every hint word; only credentials in URLs need a look at the raw text.
  const { facts } = ctx;
  if (ctx.hits.get(Group.SecretHint).length === 0) {
    const urlCredentials = (facts & FACT_COLON) !== 0 && (facts & FACT_AT) !== 0 && hasSchemeSeparator(text) && URL_CREDENTIALS.test(text);
    if (!urlCredentials && !((facts & FACT_DASH) !== 0 && hasKeyBlock(text))) return;
  }
  const found: Array<[number, number]> = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m !== null; m = pattern.regex.exec(text)) {
      const group = pattern.group ?? 0;
      const secret = m[group];
      if (secret === undefined || secret.length === 0) continue;
      if (pattern.accept && !pattern.accept(secret)) continue;
      const span = m.indices?.[group];
      const start = span ? span[0] : m.index;
      const end = span ? span[1] : m.index + m[0].length;
      if (found.some(([s, e]) => start < e && s < end)) continue;
      found.push([start, end]);
      ctx.out.push({ rule: pattern.rule, start, end, message: `Contains ${pattern.what}.` });
    }
  }
}
