/** The roles an officer may hold at a unit, with their names; free of schemas so pages can import it. */
export const OFFICER_ROLES = [
  'tiep_nhan',
  'chuyen_vien',
  'lanh_dao_phong',
  'lanh_dao',
  'van_thu',
  'quan_tri',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const OFFICER_ROLE_NAMES: Record<OfficerRole, { vi: string; en: string }> = {
  tiep_nhan: { vi: 'Cán bộ tiếp nhận (bộ phận một cửa)', en: 'One-stop desk officer' },
  chuyen_vien: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  lanh_dao_phong: { vi: 'Lãnh đạo phòng', en: 'Head of division' },
  lanh_dao: { vi: 'Lãnh đạo ký duyệt', en: 'Signing leader' },
  van_thu: { vi: 'Văn thư', en: 'Clerk' },
  quan_tri: { vi: 'Quản trị đơn vị', en: 'Agency administrator' },
};
