/**
 * The baseline for `bench:webhook`: the least an Express server must do for a push — verify
 * the signature, parse the XML with xml2js, answer a text reply. No de-duplication, no stores,
 * no logging. Started as a child process by webhook.bench.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { parseStringPromise } from 'xml2js';

const token = process.env.TOKEN ?? 'demo';
const app = express();
app.post('/webhooks/:account', express.text({ type: () => true, limit: '64kb' }), async (req, res) => {
  const { signature, timestamp, nonce } = req.query as Record<string, string>;
  const expected = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  if (!signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    res.status(401).send('bad signature');
    return;
  }
  try {
    const { xml } = (await parseStringPromise(req.body as string, { explicitArray: false })) as {
      xml: Record<string, string>;
    };
    const now = Math.floor(Date.now() / 1000);
    res.type('application/xml').send(
      `<xml><ToUserName><![CDATA[${xml.FromUserName}]]></ToUserName><FromUserName><![CDATA[${xml.ToUserName}]]></FromUserName>` +
        `<CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[help]]></Content></xml>`,
    );
  } catch {
    res.status(400).send('malformed XML');
  }
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
