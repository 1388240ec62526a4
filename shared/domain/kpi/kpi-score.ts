import type { KpiCounts } from './kpi.ts';
import { onTimeRateOf, type Rate, rate } from './kpi.ts';

/**
 * Decision 766/QĐ-TTg (2022): five groups, 100 points. The group totals are the decision's; the
 * split inside each group follows a transcription of the Government Office's formula sheet and is
 * data to check (verify). Indicators the platform holds no data for score 0 and say so.
 */
export const SCORE_GROUP_IDS = [
  'transparency',
  'progress',
  'online',
  'digitisation',
  'satisfaction',
] as const;
type GroupId = (typeof SCORE_GROUP_IDS)[number];

interface IndicatorRule {
  id: string;
  name: { vi: string; en: string };
  maxPoints: number;
  /** Full points at or above it; below, rate × points ÷ threshold. Absent: rate × points. */
  threshold?: number;
  measure?: (counts: KpiCounts) => Rate;
}

const unmeasured = (id: string, maxPoints: number, vi: string, en: string): IndicatorRule => ({
  id,
  name: { vi, en },
  maxPoints,
});

export const SCORE_RULES: Record<GroupId, { name: { vi: string; en: string }; indicators: IndicatorRule[] }> =
  {
    transparency: {
      name: { vi: 'Công khai, minh bạch', en: 'Transparency' },
      indicators: [
        unmeasured('1.1', 4, 'Công bố TTHC đúng hạn', 'Procedures published on time'),
        unmeasured('1.2', 4, 'Cập nhật TTHC đúng hạn', 'Procedures updated on time'),
        unmeasured('1.3', 4, 'Công khai đầy đủ TTHC', 'Procedures fully described'),
        unmeasured('1.4', 6, 'Đồng bộ hồ sơ lên Cổng DVC quốc gia', 'Dossiers synced to the national portal'),
      ],
    },
    progress: {
      name: { vi: 'Tiến độ, kết quả giải quyết', en: 'Processing progress and results' },
      indicators: [
        {
          id: '2.1',
          name: { vi: 'Hồ sơ giải quyết trước và đúng hạn', en: 'Dossiers settled early or on time' },
          maxPoints: 14,
          measure: onTimeRateOf,
        },
        // Measured as `averageProcessingDays`; how the decision turns an average time into points
        // is not confirmed, so it is not scored.
        unmeasured('2.2', 6, 'Thời gian giải quyết trung bình', 'Average processing time'),
      ],
    },
    online: {
      name: { vi: 'Cung cấp dịch vụ trực tuyến', en: 'Online service' },
      indicators: [
        {
          id: '3.1',
          name: { vi: 'TTHC cung cấp dịch vụ công trực tuyến', en: 'Procedures offered online' },
          maxPoints: 4,
          threshold: 0.8,
          measure: (c) => rate(c.proceduresOnline, c.proceduresOffered),
        },
        {
          id: '3.2',
          name: { vi: 'DVC trực tuyến có phát sinh hồ sơ', en: 'Online services that received dossiers' },
          maxPoints: 4,
          measure: (c) => rate(c.onlineServicesUsed, c.proceduresOnline),
        },
        {
          id: '3.3',
          name: { vi: 'Hồ sơ trực tuyến', en: 'Dossiers filed online' },
          maxPoints: 4,
          threshold: 0.5,
          measure: (c) => rate(c.receivedOnline, c.received),
        },
        unmeasured('3.5', 5, 'TTHC có phí thanh toán trực tuyến', 'Fee-bearing procedures payable online'),
        unmeasured('3.6', 5, 'Hồ sơ thanh toán trực tuyến', 'Dossiers paid online'),
      ],
    },
    digitisation: {
      name: { vi: 'Số hóa hồ sơ', en: 'Digitisation' },
      indicators: [
        {
          id: '4.1',
          name: { vi: 'Cấp kết quả điện tử', en: 'Electronic results' },
          maxPoints: 6,
          measure: (c) => rate(c.electronicResults, c.settled),
        },
        {
          id: '4.2',
          name: { vi: 'Số hóa hồ sơ', en: 'Digitised dossiers' },
          maxPoints: 6,
          threshold: 0.8,
          measure: (c) => rate(c.digitisedDossiers, c.received),
        },
        unmeasured('4.3', 4, 'Tái sử dụng dữ liệu số hóa', 'Reuse of digitised data'),
        unmeasured('4.4', 3, 'Kết nối kho dữ liệu công dân', "Linked to the citizen's data store"),
        unmeasured('4.5', 3, 'Khai thác dữ liệu dân cư', 'Use of population data'),
      ],
    },
    satisfaction: {
      name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
      indicators: [
        unmeasured('5.1', 3, 'Phản ánh, kiến nghị theo loại', 'Complaints by kind'),
        unmeasured('5.2', 2, 'Xử lý phản ánh đúng hạn', 'Complaints handled on time'),
        unmeasured('5.3', 3, 'Hài lòng với xử lý phản ánh', 'Satisfaction with complaint handling'),
        {
          id: '5.4',
          name: {
            vi: '100% − (tỷ lệ trễ hạn + tỷ lệ phản hồi tiêu cực)',
            en: '100% − (late share + negative feedback share)',
          },
          maxPoints: 10,
          threshold: 0.9,
          measure: (c) => rate(Math.max(0, c.settled - c.settledLate - c.feedbackNegative), c.settled),
        },
      ],
    },
  };

/** Threshold scoring; a rate with nothing to divide scores nothing. */
export function pointsFor(value: number | null, maxPoints: number, threshold?: number): number {
  if (value === null) return 0;
  if (threshold === undefined) return value * maxPoints;
  return value >= threshold ? maxPoints : (value * maxPoints) / threshold;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function score766(counts: KpiCounts) {
  let total = 0;
  let measuredMaxPoints = 0;
  const groups = SCORE_GROUP_IDS.map((id) => {
    const group = SCORE_RULES[id];
    const indicators = group.indicators.map((rule) => {
      const measured = rule.measure !== undefined;
      const value = rule.measure?.(counts) ?? null;
      const points = round2(pointsFor(value?.value ?? null, rule.maxPoints, rule.threshold));
      if (measured) measuredMaxPoints += rule.maxPoints;
      return {
        id: rule.id,
        name: rule.name,
        measured,
        rate: value,
        threshold: rule.threshold ?? null,
        points,
        maxPoints: rule.maxPoints,
      };
    });
    const points = round2(indicators.reduce((sum, indicator) => sum + indicator.points, 0));
    total += points;
    const maxPoints = indicators.reduce((sum, indicator) => sum + indicator.maxPoints, 0);
    return { id, name: group.name, points, maxPoints, indicators };
  });
  return { groups, total: round2(Math.min(100, total)), maxPoints: 100 as const, measuredMaxPoints };
}
