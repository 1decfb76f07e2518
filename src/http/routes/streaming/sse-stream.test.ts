import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SseStream } from './sse-stream.js';

/** Just enough of a Fastify reply and Node response to watch what a stream writes. */
function fakeReply() {
  const raw = Object.assign(new EventEmitter(), {
    written: [] as string[],
    headers: {} as Record<string, string>,
    writableEnded: false,
    destroyed: false,
    socket: { destroy: vi.fn() },
    writeHead(status: number, headers: Record<string, string>) {
      raw.headers = { ...headers, status: String(status) };
    },
    write(chunk: string) {
      raw.written.push(chunk);
      return true;
    },
    end(callback?: () => void) {
      raw.writableEnded = true;
      callback?.();
    },
  });
  const reply = { raw, hijack: vi.fn() };
  return { reply: reply as unknown as FastifyReply, raw, hijack: reply.hijack };
}

describe('SseStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes over the response with event-stream headers and an opening comment', () => {
    const { reply, raw, hijack } = fakeReply();
    new SseStream(reply).open();
    expect(hijack).toHaveBeenCalled();
    expect(raw.headers).toMatchObject({
      status: '200',
      'Content-Type': 'text/event-stream; charset=utf-8',
      'X-Accel-Buffering': 'no',
    });
    expect(raw.headers['Cache-Control']).toContain('no-cache');
    expect(raw.written).toEqual([':)\n\n']);
  });

  it('writes events in Mastodon’s format: JSON data, or a bare string for delete', () => {
    const { reply, raw } = fakeReply();
    const stream = new SseStream(reply);
    stream.open();
    stream.send('update', { id: '1', content: 'a\nb' });
    stream.send('delete', '12345');
    expect(raw.written.slice(1)).toEqual([
      'event: update\ndata: {"id":"1","content":"a\\nb"}\n\n',
      'event: delete\ndata: 12345\n\n',
    ]);
  });

  it('sends a heartbeat comment every 15 seconds until closed, then cleans up once', () => {
    const { reply, raw } = fakeReply();
    const stream = new SseStream(reply);
    const cleanup = vi.fn();
    stream.onClose(cleanup);
    stream.open();
    vi.advanceTimersByTime(14_999);
    expect(raw.written).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(raw.written).toEqual([':)\n\n', ':thump\n\n']);
    vi.advanceTimersByTime(15_000);
    expect(raw.written).toHaveLength(3);
    raw.emit('close');
    stream.close();
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(raw.writableEnded).toBe(true);
    expect(raw.socket.destroy).toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    stream.send('update', {});
    expect(raw.written).toHaveLength(3);
  });
});
