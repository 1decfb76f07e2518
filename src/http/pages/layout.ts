/**
 * The frame of Roost's few server-rendered pages (OAuth sign-in and consent): they must work before
 * the web app has loaded and without script. Every value from outside goes through `escapeHtml`.
 */
import { escapeHtml } from '../../domain/text/escape.js';

export { escapeHtml };

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Roost</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f4f4f6;color:#1b1b1f;margin:0}
main{max-width:26rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}
label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #999;border-radius:6px;font:inherit}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #3b4cca;cursor:pointer}
.primary{background:#3b4cca;color:#fff}.secondary{background:#fff;color:#3b4cca}
.actions{display:flex;gap:.8rem;margin-top:1.4rem}
.error{background:#fde8e8;color:#8a1111;padding:.6rem .8rem;border-radius:6px}
.muted{color:#555;font-size:.9rem}
code{display:block;word-break:break-all;background:#f0f0f4;padding:.8rem;border-radius:6px;font-size:1.05rem}
ul{padding-left:1.2rem}
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

/** Hidden inputs carrying values through a form (names are ours, values are escaped). */
export function hiddenFields(fields: Record<string, string | null | undefined>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}
