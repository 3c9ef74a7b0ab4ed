import type { Push } from '../../webhooks/push';

// What speech recognisers put at the end of a sentence, Chinese and Latin alike, with spaces.
const SPOKEN_TAIL = /[\s。．.！!？?，,、；;：:…~～]+$/u;

/**
 * The end punctuation a speech recogniser adds (`帮助。`, `Who am I?`) removed, so what was said
 * matches a command as if it had been typed. Punctuation inside the text stays.
 */
export function stripSpokenPunctuation(text: string): string {
  return text.replace(SPOKEN_TAIL, '').trim();
}

/**
 * The words of a push, routed as a text command: a text message's content, or what a voice
 * message said (its `Recognition`, end punctuation removed). Null for anything else, and for a
 * voice message whose recognition holds no words.
 */
export function wordsOf(push: Push): string | null {
  if (push.kind !== 'message') return null;
  if (push.msgType === 'text') return push.content;
  if (push.msgType === 'voice' && push.recognition !== undefined) return stripSpokenPunctuation(push.recognition) || null;
  return null;
}
