/** A tiny SMTP server for tests (node:net): speaks enough SMTP to accept mail and keeps each message. */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SunkMail {
  from: string;
  to: string[];
  /** The raw message after DATA. */
  data: string;
  subject: string;
  /** The body, decoded when it was sent base64. */
  text: string;
}

export class SmtpSink {
  readonly messages: SunkMail[] = [];
  private readonly events = new EventEmitter();

  private constructor(private readonly server: net.Server) {}

  static async start(): Promise<SmtpSink> {
    const server = net.createServer();
    const sink = new SmtpSink(server);
    server.on('connection', (socket) => sink.session(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  waitFor(match: (mail: SunkMail) => boolean, timeoutMs = 20_000): Promise<SunkMail> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms`)), timeoutMs);
      const listener = (mail: SunkMail) => {
        if (!match(mail)) return;
        clearTimeout(timer);
        this.events.off('mail', listener);
        resolve(mail);
      };
      this.events.on('mail', listener);
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: net.Socket): void {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          this.accept(from, to, data);
          reply('250 queued');
          continue;
        }
        const index = buffer.indexOf('\r\n');
        if (index < 0) return;
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 sink');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 ok');
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
          return;
        } else reply('250 ok');
      }
    });
  }

  private accept(from: string, to: string[], data: string): void {
    const [head = '', body = ''] = data.split('\r\n\r\n');
    const subjectLine = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
    const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(subjectLine);
    const subject = encoded ? Buffer.from(encoded[1]!, 'base64').toString('utf8') : subjectLine;
    const text = /Content-Transfer-Encoding: base64/i.test(head)
      ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
      : body;
    const mail = { from, to, data, subject, text };
    this.messages.push(mail);
    this.events.emit('mail', mail);
  }
}
