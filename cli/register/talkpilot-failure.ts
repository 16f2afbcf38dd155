import {
  TalkPilotApiError,
  TalkPilotError,
  TalkPilotForbiddenError,
  TalkPilotNetworkError,
  TalkPilotUnauthorizedError,
} from '../../functions/talkpilot/talkpilot-errors';
import { CliError } from '../cli-errors';

/** Returns a one-line reason for a failed TalkPilot request, with the fix where one is known. */
export function describeTalkPilotFailure(error: unknown, baseUrl: string): string {
  if (error instanceof TalkPilotUnauthorizedError) {
    return 'TalkPilot rejected the API key (HTTP 401); check TALKPILOT_API_KEY or the API key secret';
  }
  if (error instanceof TalkPilotForbiddenError) {
    return `the API key lacks a permission for ${error.operation} (HTTP 403); register needs agents:read and agents:write`;
  }
  if (error instanceof TalkPilotNetworkError) {
    return `TalkPilot API at ${baseUrl} is unreachable; check TALKPILOT_BASE_URL and the network`;
  }
  if (error instanceof TalkPilotApiError || error instanceof TalkPilotError) {
    return error.message;
  }

  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs a TalkPilot request and turns its failure into a `CliError` with the reason. */
export async function callTalkPilot<T>(baseUrl: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CliError) {
      throw error;
    }
    throw new CliError(`${describeTalkPilotFailure(error, baseUrl)}.`, { cause: error });
  }
}
