// Reads a JSON array of authorization cases from stdin and prints, as one JSON array, the official Cedar engine's
// answer to each: { decision: "allow"|"deny", reasons: [policy ids], errors: [policy ids] } or { failure: "..." }.
// A case is { policies: "<cedar text>", entities: [EntityJson], principal, action, resource, context }.
'use strict';
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const answers = cases.map((c) => {
    const answer = cedar.isAuthorized({
      principal: c.principal,
      action: c.action,
      resource: c.resource,
      context: c.context ?? {},
      policies: { staticPolicies: c.policies },
      entities: c.entities ?? [],
    });
    if (answer.type !== 'success') {
      return { failure: answer.errors.map((e) => e.message).join('; ') };
    }
    const d = answer.response.diagnostics;
    return {
      decision: answer.response.decision,
      reasons: d.reason,
      errors: d.errors.map((e) => e.policyId),
    };
  });
  process.stdout.write(JSON.stringify(answers));
});
