/**
 * The ceiling: a bare Fastify app on the same machine that answers each benchmarked route with a
 * response body captured from the real server, byte for byte. It does no authentication, no
 * database work and no serialisation, so it shows what Node and Fastify alone allow here; Roost's
 * figures are quoted as a fraction of it.
 *
 *   node --import tsx bench/ceiling.ts <pages.json> <port>
 */
import fs from 'node:fs';
import Fastify from 'fastify';

export interface CeilingPage {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  contentType: string;
  body: string;
}

const [pagesFile, port] = process.argv.slice(2);
if (!pagesFile || !port) {
  console.error('usage: ceiling.ts <pages.json> <port>');
  process.exit(2);
}
const pages = JSON.parse(fs.readFileSync(pagesFile, 'utf8')) as CeilingPage[];
const app = Fastify({ logger: false });
app.get('/health', async () => 'ok');
for (const page of pages) {
  app.route({
    method: page.method,
    url: page.path,
    handler: (_request, reply) => {
      void reply.status(page.status).type(page.contentType).send(page.body);
    },
  });
}
await app.listen({ host: '127.0.0.1', port: Number(port) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
