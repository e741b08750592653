// Who took an action, as the API's audit trail records it.

export interface Actor {
  name: string;
  keyId: string | null;
}

/** Who acted, from the API's audit string: `key:<id> (<name>)` for an API key, anything
 * else (`osmosi:resolver`) as it is. */
export function parseActor(actor: string): Actor {
  const match = /^key:(\S+) \((.*)\)$/s.exec(actor);
  return match ? { name: match[2] ?? "", keyId: match[1] ?? null } : { name: actor, keyId: null };
}
