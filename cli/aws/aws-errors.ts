import { CliCredentialsMissingError, CliError, CliRegionMissingError } from '../cli-errors';

/** Returns whether `error` reports missing or invalid AWS credentials. */
export function isCredentialsError(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }

  return (
    error.name === 'CredentialsProviderError' ||
    error.name === 'ExpiredTokenException' ||
    error.name === 'UnrecognizedClientException' ||
    error.name === 'InvalidClientTokenId'
  );
}

/** Returns whether `error` reports that the SDK found no region. */
export function isRegionMissingError(error: unknown): boolean {
  return error instanceof Error && error.message === 'Region is missing';
}

/**
 * Turns the SDK errors that have a known fix into `CliError`s and rethrows the others, so
 * every AWS call site reports missing credentials and regions the same way.
 */
export function rethrowAwsError(error: unknown): never {
  if (error instanceof CliError) {
    throw error;
  }
  if (isCredentialsError(error)) {
    throw new CliCredentialsMissingError({ cause: error });
  }
  if (isRegionMissingError(error)) {
    throw new CliRegionMissingError({ cause: error });
  }
  throw error;
}

/** Runs an AWS call and maps its credential and region errors with `rethrowAwsError`. */
export async function callAws<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    return rethrowAwsError(error);
  }
}
