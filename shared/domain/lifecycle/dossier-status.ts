import { keysOf } from '../common/keys.ts';

/**
 * Dossier statuses with the sync codes provincial systems send to the national public-service portal.
 * The full state machine (transitions, forms 02–06) builds on this list.
 */
export const DOSSIER_STATUSES = {
  submitted: { syncCode: 1, vi: 'Mới đăng ký', en: 'Submitted' },
  accepted: { syncCode: 2, vi: 'Được tiếp nhận', en: 'Accepted' },
  not_accepted: { syncCode: 3, vi: 'Không được tiếp nhận', en: 'Not accepted' },
  in_progress: { syncCode: 4, vi: 'Đang xử lý', en: 'In progress' },
  supplement_requested: { syncCode: 5, vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
  payment_requested: { syncCode: 6, vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  withdrawn: { syncCode: 7, vi: 'Công dân rút hồ sơ', en: 'Withdrawn by citizen' },
  stopped: { syncCode: 8, vi: 'Dừng xử lý', en: 'Processing stopped' },
  done: { syncCode: 9, vi: 'Đã xử lý xong', en: 'Done' },
  result_returned: { syncCode: 10, vi: 'Đã trả kết quả', en: 'Result returned' },
} as const;

export type DossierStatus = keyof typeof DOSSIER_STATUSES;
export const DOSSIER_STATUS_NAMES = keysOf(DOSSIER_STATUSES);

export const SETTLED_STATUSES: ReadonlySet<DossierStatus> = new Set(['done', 'result_returned']);
