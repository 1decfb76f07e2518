/**
 * Email behind one small interface. The SMTP implementation is a minimal client over node:net
 * (EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT), enough for a relay on the local
 * network; it does not speak STARTTLS — use a local relay (Postfix, an SMTP sidecar) for that.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface SmtpOptions {
  /** smtp://[user:password@]host[:port] */
  url: string;
  from: string;
  timeoutMs?: number;
  /** The name given in EHLO. */
  clientName?: string;
}

export class SmtpMailer implements Mailer {
  private readonly host: string;
  private readonly port: number;
  private readonly user: string;
  private readonly password: string;

  constructor(private readonly options: SmtpOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'smtp:') throw new Error('ROOST_SMTP_URL must start with smtp://');
    this.host = url.hostname;
    this.port = url.port ? Number(url.port) : 25;
    this.user = decodeURIComponent(url.username);
    this.password = decodeURIComponent(url.password);
  }

  async send(message: MailMessage): Promise<void> {
    const session = await SmtpSession.open(this.host, this.port, this.options.timeoutMs ?? 10_000);
    try {
      await session.expect(220);
      await session.command(`EHLO ${this.options.clientName ?? 'roost'}`, 250);
      if (this.user) {
        const token = Buffer.from(`\0${this.user}\0${this.password}`).toString('base64');
        await session.command(`AUTH PLAIN ${token}`, 235);
      }
      await session.command(`MAIL FROM:<${address(this.options.from)}>`, 250);
      await session.command(`RCPT TO:<${address(message.to)}>`, 250);
      await session.command('DATA', 354);
      await session.command(`${formatMessage(this.options.from, message)}\r\n.`, 250);
      await session.command('QUIT', 221).catch(() => undefined);
    } finally {
      session.close();
    }
  }
}

/** The message as sent after DATA: headers, a base64 body (any UTF-8 survives), dot-stuffing not needed for base64. */
export function formatMessage(from: string, message: MailMessage, now = new Date()): string {
  const domain = address(from).split('@')[1] ?? 'roost.local';
  const headers = [
    `From: ${headerValue(from)}`,
    `To: ${headerValue(message.to)}`,
    `Subject: ${headerValue(message.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n'))
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n')
    .trimEnd();
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Non-ASCII header text as an RFC 2047 encoded word; CR and LF never reach a header. */
function headerValue(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean).toString('base64')}?=`;
}

/** The bare address from `Name <a@b>` or `a@b`; refuses anything that could inject a command. */
function address(value: string): string {
  const match = /<([^<>\s]+)>\s*$/.exec(value);
  const bare = (match ? match[1]! : value).trim();
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(bare)) throw new Error(`not an email address: ${value}`);
  return bare;
}

/** One SMTP conversation: replies are read line by line; multi-line replies end at "NNN ". */
class SmtpSession {
  private buffer = '';
  private waiting: ((line: string | Error) => void) | null = null;
  private readonly lines: string[] = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let index: number;
      while ((index = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, index).replace(/\r$/, '');
        this.buffer = this.buffer.slice(index + 1);
        this.deliver(line);
      }
    });
    const fail = (error: Error) => {
      this.failure = error;
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.(error);
    };
    socket.on('error', fail);
    socket.on('timeout', () => {
      fail(new Error('SMTP server timed out'));
      socket.destroy();
    });
    socket.on('close', () => fail(new Error('SMTP connection closed')));
  }

  static open(host: string, port: number, timeoutMs: number): Promise<SmtpSession> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, timeout: timeoutMs }, () => resolve(new SmtpSession(socket)));
      socket.once('error', reject);
    });
  }

  private deliver(line: string): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(line);
    } else this.lines.push(line);
  }

  private nextLine(): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (value) => (value instanceof Error ? reject(value) : resolve(value));
    });
  }

  async expect(code: number): Promise<string> {
    let reply = '';
    for (;;) {
      const line = await this.nextLine();
      reply += `${line}\n`;
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        if (Number(line.slice(0, 3)) !== code) throw new Error(`SMTP: expected ${code}, got ${reply.trim()}`);
        return reply;
      }
    }
  }

  async command(line: string, code: number): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.expect(code);
  }

  close(): void {
    this.socket.destroy();
  }
}
