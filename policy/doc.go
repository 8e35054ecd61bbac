// Package policy is Custos's PIPL policy engine: it decides whether a
// processing activity may proceed and explains why, with article citations.
//
// The law lives in rule packs (rules/*.yaml, one per source instrument,
// embedded in the binary): each rule has an id, a citation, a verification
// tag, Chinese and English text, a condition in CEL over the request, an
// outcome, and test cases. Load compiles every condition once and reports
// every problem with file and line; Decide evaluates a Request in the order
// of the rules catalogue §6 (scope, absolute denials, legal basis and
// consent, action gates, necessity, obligations, processor duties; the
// specific rule beats the general; recommended standards only advise) and
// returns a Decision that lists the verdict, the obligations, the missing
// pre-conditions, every rule that fired or was overridden, and a summary in
// Chinese and English.
//
// The request and decision formats (custos.request/v1, custos.decision/v1)
// are documented in SCHEMA.md beside this file.
package policy
