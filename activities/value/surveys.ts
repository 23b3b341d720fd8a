/**
 * NPS and CSAT (analytics/value/surveys.ts) of the run's survey responses answered before the
 * end of the as-of day: overall, per customer group and RFM segment of the respondent
 * (`unknown` for respondents without orders, hence without a segment) and per local month.
 */
import type { PoolClient } from 'pg';
import { summarizeSurveys, type SurveyResponse, type SurveyScores } from '../../analytics/value/surveys';
import type { RunContext } from '../../contract/runContext';

const RESPONSES_SQL = `
SELECT to_char(r.answered_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, r.nps, r.csat, s.customer_group, s.rfm_segment
FROM clean_survey_responses r
LEFT JOIN customer_segments s ON s.run_id = r.run_id AND s.customer_id = r.customer_id
WHERE r.run_id = $1 AND r.answered_at < $3::timestamptz
`;

export const SURVEY_GROUPINGS = ['overall', 'customer_group', 'rfm_segment', 'month'] as const;
export type SurveyGroupingName = (typeof SURVEY_GROUPINGS)[number];

interface ResponseRow {
  day: string;
  nps: number | null;
  csat: number | null;
  customer_group: string | null;
  rfm_segment: string | null;
}

export interface GroupedSurveyScores extends SurveyScores {
  grouping: SurveyGroupingName;
}

export async function scoreSurveys(client: PoolClient, run: RunContext, minSample: number): Promise<GroupedSurveyScores[]> {
  const { rows } = await client.query<ResponseRow>(RESPONSES_SQL, [run.runId, run.timeZone, run.cutoff]);
  const responses = (group: (r: ResponseRow) => string | null): SurveyResponse[] =>
    rows.map((r) => ({ answeredAt: r.day, nps: r.nps, csat: r.csat, group: group(r) ?? undefined }));
  const scored = (grouping: SurveyGroupingName, list: SurveyScores[]) => list.map((s) => ({ ...s, grouping }));
  return [
    ...scored('overall', summarizeSurveys(responses(() => null), { by: 'overall', minSample })),
    ...scored('customer_group', summarizeSurveys(responses((r) => r.customer_group), { by: 'group', minSample })),
    ...scored('rfm_segment', summarizeSurveys(responses((r) => r.rfm_segment), { by: 'group', minSample })),
    ...scored('month', summarizeSurveys(responses(() => null), { by: 'period', granularity: 'month', minSample })),
  ];
}
