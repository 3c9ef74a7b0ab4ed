/**
 * The typed form of every push the platform sends (docs/protocol.md §2.2).
 * Strings stay strings: `MsgId` is a 64-bit number and would lose precision as a JS number.
 */

/** Fields every push carries. */
export interface PushBase {
  /** The account's original id on the platform (`gh_` + 12 hex). */
  toUserName: string;
  /** The sender's openID, private to this account. */
  fromUserName: string;
  /** Unix seconds, as the platform sent it. */
  createTime: number;
}

/** Fields every message (not event) carries. */
export interface MessageBase extends PushBase {
  /** 64-bit decimal id, kept as a string. */
  msgId: string;
}

export interface TextMessage extends MessageBase { kind: 'message'; msgType: 'text'; content: string }
export interface ImageMessage extends MessageBase { kind: 'message'; msgType: 'image'; picUrl: string; mediaId: string }
export interface VoiceMessage extends MessageBase {
  kind: 'message'; msgType: 'voice'; mediaId: string; format: string; recognition?: string;
}
export interface VideoMessage extends MessageBase {
  kind: 'message'; msgType: 'video' | 'shortvideo'; mediaId: string; thumbMediaId: string;
}
export interface LocationMessage extends MessageBase {
  kind: 'message'; msgType: 'location';
  /** Location_X: latitude. */
  latitude: number;
  /** Location_Y: longitude. */
  longitude: number;
  scale: number; label: string;
}
export interface LinkMessage extends MessageBase {
  kind: 'message'; msgType: 'link'; title: string; description: string; url: string;
}
/** A message type this code does not know; routed to the fallback handler, never an error. */
export interface UnknownMessage extends PushBase {
  kind: 'message'; msgType: 'unknown'; rawType: string; msgId?: string;
  /** Every field of the push as text, for the fallback handler and logs. */
  fields: Record<string, string>;
}

export type Message =
  | TextMessage | ImageMessage | VoiceMessage | VideoMessage | LocationMessage | LinkMessage | UnknownMessage;

/** Event names normalised to lower case (the platform mixes `subscribe` and `SCAN`). */
export interface SubscribeEvent extends PushBase {
  kind: 'event'; event: 'subscribe'; eventKey: string; ticket?: string;
  /** The scene when the follow came from scanning a scene QR code (`qrscene_<scene>`), else undefined. */
  scene?: string;
}
export interface UnsubscribeEvent extends PushBase { kind: 'event'; event: 'unsubscribe'; eventKey: string }
export interface ScanEvent extends PushBase { kind: 'event'; event: 'scan'; eventKey: string; ticket?: string; scene: string }
export interface LocationEvent extends PushBase {
  kind: 'event'; event: 'location'; eventKey: string; latitude: number; longitude: number; precision: number;
}
export interface ClickEvent extends PushBase { kind: 'event'; event: 'click'; eventKey: string }
export interface ViewEvent extends PushBase { kind: 'event'; event: 'view'; eventKey: string }
export interface UnknownEvent extends PushBase {
  kind: 'event'; event: 'unknown'; rawEvent: string; eventKey: string; fields: Record<string, string>;
}

export type PlatformEvent =
  | SubscribeEvent | UnsubscribeEvent | ScanEvent | LocationEvent | ClickEvent | ViewEvent | UnknownEvent;

export type Push = Message | PlatformEvent;
