import { QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { MonitoredPipeline } from './monitored-pipeline';

/** Text to replace with a real id before running the call history query. */
export const CallIdPlaceholder = 'REPLACE_WITH_CALL_ID';

/**
 * Creates the saved CloudWatch Logs Insights queries, filed in a folder named after the stack:
 * processed calls by agent, rejected requests, and the history of one `call_id`.
 */
export function createLogInsightsQueries(
  scope: Construct,
  pipeline: MonitoredPipeline,
  folder: string,
): QueryDefinition[] {
  return [
    new QueryDefinition(scope, 'ProcessedCallsByAgentQuery', {
      queryDefinitionName: `${folder}/processed-calls-by-agent`,
      logGroups: [pipeline.consumerLogGroup],
      queryString: new QueryString({
        filterStatements: ['outcome = "processed"', 'ispresent(agent_id)'],
        statsStatements: ['count(*) as calls by agent_id'],
        sort: 'calls desc',
      }),
    }),
    new QueryDefinition(scope, 'RejectedRequestsQuery', {
      queryDefinitionName: `${folder}/rejected-requests`,
      logGroups: [pipeline.accessLogGroup, pipeline.ingestLogGroup],
      queryString: new QueryString({
        fields: ['@timestamp', '@log', 'status', 'routeKey', 'reason', 'requestId', 'request_id'],
        filterStatements: ['status like /^[45]\\d\\d$/ or message = "webhook rejected"'],
        sort: '@timestamp desc',
        limit: 200,
      }),
    }),
    new QueryDefinition(scope, 'CallHistoryQuery', {
      queryDefinitionName: `${folder}/call-history`,
      logGroups: [pipeline.ingestLogGroup, pipeline.consumerLogGroup, pipeline.reconcilerLogGroup],
      queryString: new QueryString({
        fields: ['@timestamp', '@log', 'message', 'outcome', 'source', 'reason', 'request_id'],
        filterStatements: [`call_id = "${CallIdPlaceholder}"`],
        sort: '@timestamp asc',
        limit: 1000,
      }),
    }),
  ];
}
