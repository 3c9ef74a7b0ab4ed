/**
 * What the bot answers a push with (docs/protocol.md §2.3). `null` means "no reply" (`success`).
 * Rendering to XML lives in render-reply.ts; the envelope fields (To/From/CreateTime) are
 * filled from the push there, never by the bot.
 */
export interface TextReply { type: 'text'; content: string }
export interface MediaReply { type: 'image' | 'voice'; mediaId: string }
export interface VideoReply { type: 'video'; mediaId: string; title?: string; description?: string }
export interface MusicReply {
  type: 'music'; title?: string; description?: string; musicUrl: string; hqMusicUrl?: string; thumbMediaId?: string;
}
export interface Article { title: string; description?: string; picUrl?: string; url?: string }
/** At most 1 article in answer to a message, 8 in answer to an event. */
export interface NewsReply { type: 'news'; articles: Article[] }

export type Reply = TextReply | MediaReply | VideoReply | MusicReply | NewsReply;
