// What each validated request does: one handler map per concern, joined here. The
// router (../router.ts) has already checked the sender and the message's schema.
import type { ContentAnswer, ContentRequest, PopupAnswer, PopupRequest } from '../../../shared/protocol';
import { accountHandlers } from './account';
import { attentionHandlers } from './attention';
import { contentHandlers } from './content';
import { popupStateHandlers } from './popup-state';
import { taskHandlers } from './tasks';
import { timerHandlers } from './timer';
import { timesheetHandlers } from './timesheet';
import type { ContentSender, PageSender, PopupHandlers } from './types';

const popupHandlers: PopupHandlers = {
  ...popupStateHandlers,
  ...accountHandlers,
  ...timerHandlers,
  ...timesheetHandlers,
  ...attentionHandlers,
  ...taskHandlers,
};

export async function handleContent(request: ContentRequest, sender: ContentSender): Promise<ContentAnswer> {
  const handle = contentHandlers[request.type] as (r: ContentRequest, s: ContentSender) => Promise<ContentAnswer>;
  return handle(request, sender);
}

export async function handleExtensionPage(request: PopupRequest, sender: PageSender): Promise<PopupAnswer> {
  const handle = popupHandlers[request.type] as (r: PopupRequest, s: PageSender) => Promise<PopupAnswer>;
  return handle(request, sender);
}
