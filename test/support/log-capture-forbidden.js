// The strings that no log line of the test suite may contain: the secrets, API keys, phone
// numbers, names, e-mails and transcript texts of test/fixtures, cli/samples, the TalkPilot
// stand-in and the tests themselves. `log-capture-reporter.js` scans the captured output for
// each entry. A test in test/hardening checks that every personal field of the fixtures is here.

/** Literal strings, each with the place it comes from. */
const FORBIDDEN_STRINGS = [
  // test/fixtures/call-completed.json and cli/samples/call-completed.json
  { label: 'fixture customer name', value: 'Hans Meier' },
  { label: 'fixture phone number', value: '+491701234567' },
  { label: 'fixture customer request', value: 'Frage zu Rechnung #1234' },
  { label: 'fixture call summary', value: 'Kunde fragte nach Rechnung' },
  // test/fixtures/call-detail.json
  { label: 'detail customer name', value: 'Petra Beispiel' },
  { label: 'detail phone number', value: '+4930123450001' },
  { label: 'detail call summary', value: 'Anruferin möchte ihren Termin' },
  { label: 'detail transcript text', value: 'Praxis Beispiel, guten Tag.' },
  { label: 'detail transcript text', value: 'Ich möchte meinen Termin verschieben.' },
  { label: 'detail recording token', value: 'lk_call_7f3e21.wav?token=expires' },
  // test/fixtures/employee-forwarding-created.json and cli/samples
  { label: 'employee name', value: 'Max Mustermann' },
  { label: 'employee e-mail', value: 'max@example.com' },
  { label: 'substitute name', value: 'Erika Musterfrau' },
  { label: 'employee responsibilities', value: 'Rechnungsfragen, Zahlungsprobleme' },
  // test/support/talkpilot-stand-in-state.ts (buildCall)
  { label: 'stand-in customer name', value: 'Test Caller' },
  { label: 'stand-in call summary', value: 'Summary text.' },
  { label: 'stand-in transcript text', value: 'Guten Tag.' },
  // test/support/talkpilot-stand-in.ts (STAND_IN_API_KEY)
  { label: 'stand-in API key', value: `tp_live_${'0123456789abcdef'.repeat(2)}` },
  // Secrets and keys written out in the tests
  { label: 'test API key', value: 'tp_live_ffffffffffffffffffffffffffffffff' },
  { label: 'test webhook secret', value: 'current-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { label: 'test webhook secret', value: 'previous-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { label: 'test webhook secret', value: 'current-Secret_with+chars/48xxxxxxxxxxxxxxxxxxxxxx' },
  { label: 'test webhook secret', value: 'property-secret-value' },
  { label: 'test webhook secret', value: 'c-very-secret' },
  { label: 'test webhook secret', value: 'local-secret' },
  { label: 'test webhook secret', value: 's3cret' },
  // test/hardening
  { label: 'hardening webhook secret', value: 'hardening-secret-7d1f0c2a9b' },
  { label: 'hardening previous secret', value: 'hardening-previous-4e8b2f61' },
  { label: 'hardening phone number', value: '+4915112345678' },
  { label: 'hardening customer name', value: 'Greta Lasttest' },
  { label: 'hardening transcript text', value: 'Lasttest Transkript Satz' },
];

/**
 * Patterns for values that tests generate at random or that no log may carry in any form: a
 * TalkPilot live key, an unmasked `secret` query parameter, a random test secret.
 */
const FORBIDDEN_PATTERNS = [
  { label: 'TalkPilot API key', pattern: /tp_live_[A-Za-z0-9]{16,}/ },
  { label: 'secret query parameter', pattern: /[?&]secret=(?!\*\*\*)[^&\s"'*]{4,}/ },
  { label: 'random test secret', pattern: /\b(?:secret|previous)-[0-9a-f]{8}-[0-9a-f]{4}-/ },
];

module.exports = { FORBIDDEN_STRINGS, FORBIDDEN_PATTERNS };
