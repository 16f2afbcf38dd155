import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Replaces the AWS SDK's default credential chain in the Lambda bundles only: the esbuild
 * alias in `lib/handler-function.ts` maps `@aws-sdk/credential-provider-node` to this file.
 * Lambda puts the function role's credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`
 * and `AWS_SESSION_TOKEN`, so the SSO, profile, process and instance-metadata providers of the
 * full chain are dead code there. Dropping them makes each bundle about 85 KB smaller and
 * faster to load. Tests and `npm start` run the sources and keep the full chain.
 */
export function defaultProvider() {
  return fromEnv();
}
