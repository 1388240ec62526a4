import type { Tier } from '../agencies/tiers.ts';
import type { ProcessStep, PublishedProcess, StepAction } from './process-definition.ts';

/**
 * The process a procedure follows when its province has published none: the common shape of the
 * provinces' published internal processes (one-stop desk → specialist → [head of division] →
 * leader signs → [clerk numbers and stamps] → desk returns), with budgets as shares of the
 * procedure's statutory time. Version 0: built in, never stored; a published default replaces it.
 */

const WORK_ACTIONS: StepAction[] = [
  'start_processing',
  'forward',
  'assign',
  'request_supplement',
  'receive_supplement',
  'request_payment',
  'confirm_payment',
  'transfer',
  'stop',
];

const reception = (share: number): ProcessStep => ({
  code: 'TIEP_NHAN',
  name: 'Tiếp nhận hồ sơ, chuyển bộ phận chuyên môn',
  nameEn: 'Reception: hand the dossier to the specialist division',
  citizenLabel: { vi: 'Bộ phận một cửa đã tiếp nhận hồ sơ', en: 'Received at the one-stop desk' },
  role: 'tiep_nhan',
  unit: 'receiving',
  budget: { amount: share, unit: 'share' },
  actions: ['forward', 'assign', 'request_supplement', 'receive_supplement'],
  next: ['THAM_DINH'],
  join: false,
  sendBackTo: [],
  preconditions: ['documents_complete'],
});

const examination = (share: number, next: string): ProcessStep => ({
  code: 'THAM_DINH',
  name: 'Thẩm định, dự thảo kết quả',
  nameEn: 'Examination and draft result',
  citizenLabel: { vi: 'Chuyên viên đang thẩm định hồ sơ', en: 'A specialist is examining the dossier' },
  role: 'chuyen_vien',
  unit: 'current',
  budget: { amount: share, unit: 'share' },
  actions: WORK_ACTIONS,
  next: [next],
  join: false,
  sendBackTo: [],
  preconditions: [],
  produces: 'draft',
});

const review = (share: number): ProcessStep => ({
  code: 'XEM_XET',
  name: 'Lãnh đạo phòng xem xét',
  nameEn: 'Review by the head of division',
  citizenLabel: { vi: 'Lãnh đạo phòng đang xem xét', en: 'Under review by the head of division' },
  role: 'lanh_dao_phong',
  unit: 'current',
  budget: { amount: share, unit: 'share' },
  actions: ['forward', 'send_back', 'stop'],
  next: ['PHE_DUYET'],
  join: false,
  sendBackTo: ['THAM_DINH'],
  preconditions: [],
});

const signing = (share: number, next: string): ProcessStep => ({
  code: 'PHE_DUYET',
  name: 'Lãnh đạo ký duyệt kết quả',
  nameEn: 'The leader signs the result',
  citizenLabel: { vi: 'Lãnh đạo đang ký duyệt kết quả', en: 'The result is being signed' },
  role: 'lanh_dao',
  unit: 'current',
  budget: { amount: share, unit: 'share' },
  actions: ['complete', 'send_back', 'stop'],
  next: [next],
  join: false,
  sendBackTo: ['THAM_DINH'],
  preconditions: [],
  produces: 'signed_result',
});

const clerk = (share: number): ProcessStep => ({
  code: 'VAN_THU',
  name: 'Văn thư vào sổ, đóng dấu',
  nameEn: 'The clerk numbers and stamps the result',
  citizenLabel: { vi: 'Kết quả đang được vào sổ, đóng dấu', en: 'The result is being numbered and stamped' },
  role: 'van_thu',
  unit: 'current',
  budget: { amount: share, unit: 'share' },
  actions: ['forward'],
  next: ['TRA_KET_QUA'],
  join: false,
  sendBackTo: [],
  preconditions: [],
});

const handBack: ProcessStep = {
  code: 'TRA_KET_QUA',
  name: 'Trả kết quả cho người nộp',
  nameEn: 'Return the result to the applicant',
  citizenLabel: { vi: 'Kết quả sẵn sàng để trả', en: 'The result is ready to be returned' },
  role: 'tiep_nhan',
  unit: 'receiving',
  budget: { amount: 0, unit: 'share' },
  actions: ['return_result'],
  next: [],
  join: false,
  sendBackTo: [],
  preconditions: [],
  produces: 'returned_result',
};

/** A commune has no divisions: desk → officer → chairman signs → desk. */
const communeSteps = [reception(0.1), examination(0.6, 'PHE_DUYET'), signing(0.3, 'TRA_KET_QUA'), handBack];
/** District, province and central units: the head of division reviews, the clerk stamps. */
const agencySteps = [
  reception(0.1),
  examination(0.5, 'XEM_XET'),
  review(0.15),
  signing(0.15, 'VAN_THU'),
  clerk(0.1),
  handBack,
];

const TIER_NAMES: Record<Tier, string> = {
  commune: 'cấp xã',
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  central: 'cấp trung ương',
};

export const BUILT_IN_PROCESS_VERSION = 0;

export function defaultProcess(tier: Tier): PublishedProcess {
  return {
    code: `MAC-DINH-${tier.toUpperCase()}`,
    name: `Quy trình nội bộ mặc định ${TIER_NAMES[tier]}`,
    procedureCodes: [],
    defaultForTier: tier,
    steps: tier === 'commune' ? communeSteps : agencySteps,
    version: BUILT_IN_PROCESS_VERSION,
    publishedAt: '2026-01-01T00:00:00+07:00',
  };
}
