/** Names of document kinds, copy states and steps in both languages, and the exchange's small pure helpers. */
export const KINDS: Record<string, string> = {
  dispatch: 'Công văn / Dispatch',
  decision: 'Quyết định / Decision',
  meeting_invitation: 'Giấy mời họp / Meeting invitation',
  draft_for_comment: 'Dự thảo xin ý kiến / Draft for comment',
  dossier_transfer: 'Chuyển hồ sơ / Dossier transfer',
};

/** Where a copy stands, and each step's status (edXML status codes 01–06, 13, 15, 16). */
export const STATES: Record<string, string> = {
  sent: 'Đã gửi / Sent',
  arrived: 'Đã đến / Arrived',
  refused: 'Từ chối nhận / Refused',
  accepted: 'Đã tiếp nhận / Accepted',
  assigned: 'Đã giao xử lý / Assigned',
  processing: 'Đang xử lý / Processing',
  completed: 'Đã hoàn thành / Completed',
  recalled: 'Đã thu hồi / Recalled',
  recall_requested: 'Yêu cầu thu hồi / Recall requested',
  recall_refused: 'Từ chối thu hồi / Recall refused',
};
const RECALL: Record<string, string> = {
  requested: 'đang yêu cầu thu hồi / recall requested',
  succeeded: 'đã thu hồi / recalled',
  refused: 'từ chối thu hồi / recall refused',
};

export const stateText = (state: string | undefined, recall?: string) =>
  `${STATES[state ?? ''] ?? state ?? '—'}${recall ? ` (${RECALL[recall] ?? recall})` : ''}`;

/** The agency codes typed one per line or separated by commas or spaces, each once. */
export const agencyCodesOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** A step's duration for people: minutes, hours or days. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} phút / min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} giờ / h`;
  return `${Math.round(minutes / 144) / 10} ngày / days`;
}

/** Bytes as base64, as the send request carries attachments. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

type Field = 'reason' | 'assignee' | 'note';

/** What a recipient may do with its copy, and the sender's recall, with the fields each asks for. */
export const DOCUMENT_ACTIONS: Record<string, { vi: string; en: string; field?: Field }> = {
  accept: { vi: 'Tiếp nhận văn bản', en: 'Accept the document' },
  refuse: { vi: 'Từ chối nhận', en: 'Refuse the document', field: 'reason' },
  assign: { vi: 'Giao xử lý', en: 'Assign', field: 'assignee' },
  start_processing: { vi: 'Bắt đầu xử lý', en: 'Start processing' },
  complete: { vi: 'Hoàn thành xử lý', en: 'Complete', field: 'note' },
  accept_recall: { vi: 'Đồng ý thu hồi', en: 'Agree to the recall' },
  refuse_recall: { vi: 'Từ chối thu hồi', en: 'Refuse the recall', field: 'reason' },
  recall: { vi: 'Thu hồi văn bản', en: 'Recall the document', field: 'reason' },
};
