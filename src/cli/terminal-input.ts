import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliContext } from './cli-context';

/**
 * Reads the first line of stdin (without its line ending) for `--console-password-stdin`. On a
 * terminal it asks for it without echoing what is typed; piped input is read as it comes, e.g.
 * `printf '%s\n' "$PW" | npx lianluo accounts add …`.
 */
export async function readSecretLine(ctx: CliContext, question: string): Promise<string> {
  if (ctx.stdin.isTTY === true) return askLine(ctx, question, { hidden: true });
  return firstLine(ctx.stdin);
}

/**
 * Asks `question` on the terminal and resolves with the answer, trimmed. With `hidden`, what is
 * typed is not echoed (readline writes its echo through an output we mute after the question).
 */
export function askLine(ctx: CliContext, question: string, options: { hidden?: boolean } = {}): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (!muted) ctx.stderr.write(chunk.toString());
      done();
    },
  });
  const rl = createInterface({ input: ctx.stdin, output, terminal: ctx.stdin.isTTY === true });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      if (options.hidden) ctx.stderr.write('\n');
      resolve(answer.trim());
    });
    muted = options.hidden === true;
    rl.on('close', () => {
      if (!answered) reject(new Error('no answer: the input ended'));
    });
  });
}

/** The first line of a stream; the rest is left unread. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const done = (line: string) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', reject);
      stream.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end !== -1) done(text.slice(0, end));
    };
    const onEnd = () => done(text);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', reject);
    stream.resume();
  });
}
