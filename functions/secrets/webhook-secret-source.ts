/** The shared webhook secrets: `current`, and `previous` while a rotation is under way. */
export interface WebhookSecrets {
  readonly current: string;
  readonly previous?: string;
}

/** Options of `WebhookSecretSource.getSecrets`. */
export interface GetSecretsOptions {
  /**
   * Asks for a fresh read past the cache, after a request carried a secret that matched
   * neither cached value. A source may ignore it, for example to limit reads.
   */
  readonly forceRefresh?: boolean;
}

/** Source of the webhook secrets for the ingest handler. */
export interface WebhookSecretSource {
  getSecrets(options?: GetSecretsOptions): Promise<WebhookSecrets>;
}

/** Base class of the errors raised while reading the webhook secrets. */
export class WebhookSecretError extends Error {
  override readonly name: string = 'WebhookSecretError';
}

/** The secret could not be read, for example because Secrets Manager was unreachable. */
export class WebhookSecretUnavailableError extends WebhookSecretError {
  override readonly name = 'WebhookSecretUnavailableError';

  constructor(
    readonly secretId: string,
    options?: ErrorOptions,
  ) {
    super(
      `Reading webhook secret ${secretId} failed; check that it exists and is readable`,
      options,
    );
  }
}

/** The secret's value is not the JSON object `{"current": "...", "previous": "..."}`. */
export class WebhookSecretInvalidError extends WebhookSecretError {
  override readonly name = 'WebhookSecretInvalidError';

  constructor(readonly secretId: string) {
    super(
      `Webhook secret ${secretId} must be JSON {"current":"...","previous":"..."} with a ` +
        'non-empty string "current" and an optional string "previous"',
    );
  }
}
