// A handler map per concern (Bitwarden's extensionMessageHandlers): each request type has one
// handler, and its answer type comes from the protocol (PopupAnswers, ContentAnswers).
import type { ContentAnswer, ContentRequest, PopupAnswer, PopupRequest } from '../../../shared/protocol';
import type { Sender } from '../router';

export type ContentSender = Extract<Sender, { kind: 'content' }>;
export type PageSender = Extract<Sender, { kind: 'extensionPage' }>;

export type ContentHandlers = {
  [T in ContentRequest['type']]: (
    request: Extract<ContentRequest, { type: T }>,
    sender: ContentSender,
  ) => Promise<ContentAnswer<T>>;
};
export type PopupHandlers = {
  [T in PopupRequest['type']]: (
    request: Extract<PopupRequest, { type: T }>,
    sender: PageSender,
  ) => Promise<PopupAnswer<T>>;
};
