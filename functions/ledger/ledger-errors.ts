/** Base class of every ledger failure that is not an expected outcome such as a duplicate. */
export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';

  constructor(
    message: string,
    /** Ledger key the operation was about. */
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A DynamoDB request of the ledger failed for a reason other than its write condition. */
export class LedgerRequestFailedError extends LedgerError {
  override readonly name = 'LedgerRequestFailedError';

  constructor(
    /** The ledger operation, such as `claim` or `complete`. */
    readonly operation: string,
    key: string,
    cause: unknown,
  ) {
    super(
      `Ledger ${operation} failed for ${key}. Check the table name, IAM access and DynamoDB throttling.`,
      key,
      { cause },
    );
  }
}
