// Secrets: cloud keys, API tokens, private keys, JWTs, credentials in URLs and connection
// strings, and passwords in pasted configuration. The patterns follow secretlint's recommended
// preset (see secrets.test.ts, which cross-checks against secretlint itself) but run
// synchronously as precompiled regular expressions, behind one cheap prefilter.
import type { ScanContext } from '../scan-context.js';
import { FACT_AT, FACT_KEY_BLOCK, FACT_SCHEME } from '../symbols.js';
import { Group } from '../term-index.js';

interface SecretPattern {
  rule: string;
  what: string;
  regex: RegExp;
  /** Which capture group holds the secret itself; 0 = the whole match. */
  group?: number;
  /** Extra check on the captured secret, e.g. to skip placeholders. */
  accept?: (secret: string) => boolean;
  /**
   * Substrings of which every match holds at least one (compared in lower case when the
   * pattern ignores case): a post holding none of them skips the pattern.
   */
  needles: readonly string[];
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
  { rule: 'secrets.private-key', what: 'a private key', regex: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?/g, needles: ['-----BEGIN'] },
  { rule: 'secrets.aws', what: 'an AWS access key ID', regex: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g, needles: ['A3T', 'AKIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ASIA'] },
  {
    rule: 'secrets.aws',
    what: 'an AWS secret access key',
    regex: /\baws_?(?:secret)?_?(?:access)?_?key(?:_?id)?["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    needles: ['aws'],
    group: 1,
    accept: looksRandom,
  },
  { rule: 'secrets.gcp', what: 'a Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, needles: ['AIza'] },
  { rule: 'secrets.gcp', what: 'a Google service-account key', regex: /"private_key_id"\s*:\s*"[0-9a-f]{40}"/g, needles: ['"private_key_id"'] },
  { rule: 'secrets.gcp', what: 'a Google OAuth client secret', regex: /\bGOCSPX-[0-9A-Za-z_-]{28}(?![0-9A-Za-z_-])/g, needles: ['GOCSPX-'] },
  { rule: 'secrets.azure', what: 'an Azure storage account key', regex: /\bAccountKey=([A-Za-z0-9+/]{86}==)/g, group: 1, needles: ['AccountKey='] },
  { rule: 'secrets.azure', what: 'an Azure shared access signature', regex: /\b(?:SharedAccessSignature|SharedAccessKey)=([A-Za-z0-9%+/=]{20,})/g, group: 1, needles: ['SharedAccess'] },
  { rule: 'secrets.azure', what: 'an Azure SAS token', regex: /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s]*?\bsig=([A-Za-z0-9%+/=]{30,})/g, group: 1, needles: ['sv='] },
  { rule: 'secrets.github', what: 'a GitHub token', regex: /(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/g, needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] },
  { rule: 'secrets.github', what: 'a GitHub fine-grained token', regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])/g, needles: ['github_pat_'] },
  { rule: 'secrets.gitlab', what: 'a GitLab token', regex: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/g, needles: ['glpat-'] },
  { rule: 'secrets.slack', what: 'a Slack token', regex: /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr|xoxs|xoxe)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g, needles: ['xox', 'xapp-'] },
  { rule: 'secrets.slack', what: 'a Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/gi, needles: ['hooks.slack.com/services/'] },
  { rule: 'secrets.stripe', what: 'a Stripe secret key', regex: /\b(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{16,247}\b/g, needles: ['k_live_', 'k_test_'] },
  { rule: 'secrets.anthropic', what: 'an Anthropic API key', regex: /(?<![A-Za-z0-9])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/g, needles: ['sk-ant-'] },
  { rule: 'secrets.openai', what: 'an OpenAI API key', regex: /(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?(?!ant-)[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g, accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3)) && !/-[a-z]+-[a-z]+-/.test(s), needles: ['sk-'] },
  { rule: 'secrets.npm', what: 'an npm access token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/g, needles: ['npm_'] },
  { rule: 'secrets.npm', what: 'an npm auth token', regex: /_authToken=([^\s$][^\s]{8,})/g, group: 1, accept: notPlaceholder, needles: ['_authToken='] },
  { rule: 'secrets.sendgrid', what: 'a SendGrid API key', regex: /(?<![A-Za-z0-9])SG\.[\w-]{16,32}\.[\w-]{16,64}(?![\w-])/g, needles: ['SG.'] },
  { rule: 'secrets.twilio', what: 'a Twilio API key', regex: /\bSK[0-9a-fA-F]{32}\b/g, needles: ['SK'] },
  { rule: 'secrets.twilio', what: 'a Twilio auth token', regex: /\btwilio\w*(?:auth)?_?token["']?\s*[:=]\s*["']?([0-9a-f]{32})\b/gi, group: 1, needles: ['twilio'] },
  { rule: 'secrets.token', what: 'a Mailgun API key', regex: /\bkey-[0-9a-f]{32}\b/g, needles: ['key-'] },
  { rule: 'secrets.token', what: 'a Hugging Face token', regex: /(?<![A-Za-z0-9])hf_[a-zA-Z]{34}(?![a-zA-Z])/g, needles: ['hf_'] },
  { rule: 'secrets.token', what: 'a Shopify token', regex: /(?<![A-Za-z0-9])(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])/g, needles: ['shp'] },
  { rule: 'secrets.token', what: 'a Docker access token', regex: /(?<![A-Za-z0-9])dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-])/g, needles: ['dckr_pat_'] },
  { rule: 'secrets.token', what: 'a Groq API key', regex: /(?<![A-Za-z0-9])gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])/g, needles: ['gsk_'] },
  { rule: 'secrets.token', what: 'a Linear API key', regex: /(?<![A-Za-z0-9])lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_])/g, needles: ['lin_api_'] },
  { rule: 'secrets.token', what: 'a Notion token', regex: /(?<![A-Za-z0-9])(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9])/g, needles: ['ntn_', 'secret_'] },
  { rule: 'secrets.token', what: 'a HashiCorp Vault token', regex: /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{90,300}(?![A-Za-z0-9_-])/g, needles: ['hvs.', 'hvb.', 'hvr.'] },
  { rule: 'secrets.token', what: 'a Databricks token', regex: /(?<![A-Za-z0-9])dapi[A-Fa-f0-9]{32}(?:-\d)?(?![A-Fa-f0-9])/g, needles: ['dapi'] },
  { rule: 'secrets.token', what: 'a Grafana token', regex: /(?<![A-Za-z0-9])(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=])/g, needles: ['glc_', 'glsa_'] },
  { rule: 'secrets.token', what: 'a Figma token', regex: /(?<![A-Za-z0-9])figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g, needles: ['figd_'] },
  { rule: 'secrets.token', what: 'a Vercel token', regex: /(?<![A-Za-z0-9])(?:vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])/g, needles: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'] },
  { rule: 'secrets.token', what: 'a 1Password service token', regex: /(?<![A-Za-z0-9])ops_ey[A-Za-z0-9+/=]{100,1280}(?![A-Za-z0-9+/=])/g, needles: ['ops_ey'] },
  { rule: 'secrets.jwt', what: 'a JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, needles: ['eyJ'] },
  {
    rule: 'secrets.connection-string',
    what: 'a password in a URL or connection string',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@]{0,100}):([^\s@/]{1,200})@[^\s/?#]+/gi,
    needles: ['://'],
    group: 2,
    accept: (s) => notPlaceholder(s) && !/^x-oauth-basic$/i.test(s),
  },
  {
    rule: 'secrets.connection-string',
    what: 'a password in a connection string',
    regex: /\b(?:password|pwd)=([^;\s"']{3,})/gi,
    needles: ['password=', 'pwd='],
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password',
    regex: /(?:\b|_)(?:pass(?:word|wd|phrase)?|pwd|db_pass\w*)["']?\s*(?:[:=]|=>)\s*("[^"\n]{3,}"|'[^'\n]{3,}'|[^\s"',;]{4,})/gi,
    needles: ['pass', 'pwd'],
    group: 1,
    accept: notPlaceholder,
  },
  // Passwords typed on command lines: `mysql -u root -pSECRET` (no space: `-p` alone prompts),
  // `--password SECRET`, `PGPASSWORD=SECRET psql …`, `sshpass -p SECRET ssh …`.
  {
    rule: 'secrets.password',
    what: 'a password on a command line',
    regex: /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mariadb|mariadb-dump)\b[^\n]*?\s-p('[^'\n]{3,}'|"[^"\n]{3,}"|[^\s'"]{3,})/g,
    needles: ['mysql', 'mariadb'],
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password on a command line',
    regex: /(?:^|\s)--pass(?:word|wd)?(?:=|\s+)('[^'\n]{3,}'|"[^"\n]{3,}"|[^\s'"-][^\s'"]{2,})/gi,
    needles: ['--pass'],
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password in an environment variable',
    regex: /\b[A-Z][A-Z0-9_]*PASS(?:WORD|WD)?=('[^'\n]{3,}'|"[^"\n]{3,}"|[^\s'"]{3,})/g,
    needles: ['PASS'],
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password on a command line',
    regex: /\bsshpass\s+-p\s*('[^'\n]{3,}'|"[^"\n]{3,}"|[^\s'"]{3,})/g,
    needles: ['sshpass'],
    group: 1,
    accept: notPlaceholder,
  },
  {
    rule: 'secrets.password',
    what: 'a password',
    regex: /\b(?:my|the|our|his|her|their|wifi|wi-fi|admin|root|account|login|new|temporary|temp|default)\s+(?:password|passcode|pin|passphrase)\s+(?:is|was|=|:)\s*[:"']?\s*([^\s"',;]{4,})/gi,
    needles: ['pass', 'pin'],
    group: 1,
    accept: (s) => notPlaceholder(s.replace(/[.!?]+$/, '')) && !/^(?:not|never|still|now|the|a|an|too|very|so|case|weak|strong|required|expired|correct|wrong|incorrect|changed|reset|being|going|set|in|on|stored|saved|secure)$/i.test(s),
  },
  {
    rule: 'secrets.token',
    what: 'an API key or token',
    regex: /\b(?:api[_\s-]?key|api[_\s-]?secret|access[_-]?token|auth[_-]?token|secret[_-]?key|client[_-]?secret|private[_-]?token|bearer)["']?\s*(?:[:=]|=>|\s)\s*["']?([A-Za-z0-9_\-/+=.]{16,})/gi,
    needles: ['api', 'token', 'secret', 'bearer'],
    group: 1,
    accept: looksRandom,
  },
];

// The `d` flag records capture-group offsets, so a finding covers exactly the secret.
const PATTERNS: readonly SecretPattern[] = PATTERN_LIST.map((p) => ({ ...p, regex: new RegExp(p.regex.source, p.regex.flags + 'd') }));

/**
 * One search for every pattern's needles (case-sensitive ones in the post, the others in its
 * lower-case form) tells which patterns can match at all; running forty patterns over every
 * post with a hint word costs more than that search.
 */
interface NeedleSearch {
  /** The needles, longest first, so that at each position the longest one present is found. */
  regex: RegExp;
  /** For each needle: the patterns that one of their needles, a prefix of it, satisfies. */
  satisfies: Map<string, number[]>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function needleSearch(caseless: boolean): NeedleSearch {
  const needles = new Set<string>();
  PATTERNS.forEach((p) => {
    if (p.regex.ignoreCase === caseless) for (const n of p.needles) needles.add(caseless ? n.toLowerCase() : n);
  });
  const sorted = [...needles].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const satisfies = new Map<string, number[]>();
  for (const found of sorted) {
    const list: number[] = [];
    PATTERNS.forEach((p, k) => {
      if (p.regex.ignoreCase === caseless && p.needles.some((n) => found.startsWith(caseless ? n.toLowerCase() : n))) list.push(k);
    });
    satisfies.set(found, list);
  }
  return { regex: new RegExp(sorted.map(escapeRegex).join('|'), 'g'), satisfies };
}

const CASED = needleSearch(false);
const CASELESS = needleSearch(true);
const possible = new Uint8Array(PATTERNS.length);

/** Marks in `possible` the patterns whose needles occur in `text`; overlapping needles included. */
function markPossible(search: NeedleSearch, text: string): void {
  const { regex, satisfies } = search;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    for (const k of satisfies.get(m[0]) ?? []) possible[k] = 1;
    // Needles starting inside this one are looked for too.
    regex.lastIndex = m.index + 1;
  }
}

/** Any hint that one of the patterns could match; the common case (no hint) costs one test. */
const URL_CREDENTIALS = /:\/\/[^\s/@]*:[^\s@/]+@/;

/** `everyPattern` skips the needle search (the tests' reference). */
export function detectSecrets(ctx: ScanContext, everyPattern = false): void {
  const { text } = ctx;
  // The automaton already saw every hint word; only credentials in URLs need a look at the raw text.
  const { facts } = ctx;
  if (ctx.hits.get(Group.SecretHint).length === 0) {
    const urlCredentials = (facts & FACT_SCHEME) !== 0 && (facts & FACT_AT) !== 0 && URL_CREDENTIALS.test(text);
    if (!urlCredentials && (facts & FACT_KEY_BLOCK) === 0) return;
  }
  possible.fill(everyPattern ? 1 : 0);
  if (!everyPattern) {
    markPossible(CASED, text);
    markPossible(CASELESS, text.toLowerCase());
  }
  const found: Array<[number, number]> = [];
  for (let k = 0; k < PATTERNS.length; k++) {
    const pattern = PATTERNS[k];
    if (pattern === undefined || possible[k] === 0) continue;
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
