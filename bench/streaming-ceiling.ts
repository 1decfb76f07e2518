/**
 * The streaming ceiling: a bare `ws` server that does nothing but broadcast a frame to every
 * connected client when asked (POST /broadcast?seq=N&bytes=B over plain HTTP). It shows what one
 * Node process on this machine can deliver with no database, no per-viewer loading and no JSON
 * work, beside Roost in the same run (bench/streaming.ts).
 *
 *   node --import tsx bench/streaming-ceiling.ts <port>
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    response.end('OK');
    return;
  }
  if (url.pathname === '/broadcast') {
    const seq = url.searchParams.get('seq') ?? '0';
    const bytes = Number(url.searchParams.get('bytes') ?? 2000);
    // The same framing as Roost's: a JSON payload string inside the message, padded to the measured size.
    const payload = JSON.stringify({ id: seq, content: `<p>bench-${seq}</p>`, pad: '' });
    const padded = payload.replace(
      '"pad":""',
      `"pad":"${'x'.repeat(Math.max(0, bytes - payload.length - 60))}"`,
    );
    const frame = JSON.stringify({ stream: ['user'], event: 'update', payload: padded });
    for (const client of wss.clients) client.send(frame);
    response.end(String(wss.clients.size));
    return;
  }
  response.statusCode = 404;
  response.end();
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
