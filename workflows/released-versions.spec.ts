import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { canonicalJson, WorkflowDefinition } from '@compact/engine';
import { WORKFLOWS } from './index';

/*
 * Released workflow versions are frozen. Cases run on them for years, so a change to a released
 * version would silently change the rules of running cases. Each released version is pinned here by
 * a digest of its definition (the machine's configuration, the event schemas and permissions as
 * declared, the deadline rules on the Compact file's defaults) and of the bytes of its files.
 * A change makes this fail: add a new version (v3.*) and a migration instead. When a new version
 * ships, pin it here with the digests the failing run shows.
 */

const RELEASED: Record<string, { definition: string; files: Record<string, string> }> = {
  'compact-dispute/v1': {
    definition: 'ee68eefd69585e3a298934e3faea0ce23da9597bac1c67f3ca9bf030d8469b96',
    files: {
      'v1.machine.ts': 'bb5297901dd38739e57d5ac0c0382ebd64397d9c73de4c1f65a7068aea8f4822',
      'v1.events.ts': '9624c7fc5d1fccf2792ee9b3ee08f0718d07d42fe10075c3c8e6709527ef927a',
      'v1.deadlines.ts': 'b9c7722ca41f2495257e87f030b8467cf59561444622f9ba01cd4c2926f0fa06',
      'v1.types.ts': 'c8b9d31532a8d099163a82d972c986c9735e05fdd8df97af1313b50e0eaa9f7f',
      'v1.states.ts': 'f1442cda0acbe627d867c78acae3d206d665d14b292a1c6c2ed0dedc47276dbd',
      'v1.workflow.ts': 'cb4821a8351fcc8ebd25d45487a59530b92455154358faad5d1159d1dd7ea06b',
    }
  },
  'compact-dispute/v2': {
    definition: '3e92eabe329d57b3d5eb9dcb393495770bdab59070e8cfc75f243fb8b381359b',
    files: {
      'v2.machine.ts': '4fde759fad7ce227f03bc09d6636f898019fd6b5b26c1cd849932572a6bf087d',
      'v2.events.ts': 'fb3e875e957cf9062422112400865154db8d5c061126de6f2530d5c9006e0b9d',
      'v2.deadlines.ts': 'f2cd6fb6caa939c67bfa341eb651d2fecfaaaeff331623b1d953cc9b23097c14',
      'v2.types.ts': '4b5a5d9b501e22e8f624b4073f8f481eb7afb0c105978edfd8a7db5e868c26e3',
      'v2.states.ts': '47f0cef790aa3cf4ffbcb1466853e5fbc708a0bb93f15f65c8433b249ce40026',
      'v2.workflow.ts': '9c0b3e1b2f82b48144efe61333ecebe6a52c5313ae6e78f20fd57ea219e87c06',
    }
  },
};

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A machine configuration as plain data: built-in actions by what they do, anything else by its name or kind. */
function plain(value: unknown): unknown {
  if (typeof value === 'function') {
    const f = value as unknown as Record<string, unknown>;
    if (typeof f.type === 'string') {
      return { action: f.type, id: f.id, delay: f.delay, sendId: f.sendId, event: typeof f.event === 'object' ? f.event : undefined, guards: plain(f.guards) };
    }
    if (Array.isArray(f.guards)) return { guards: plain(f.guards) };
    return 'function';
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function definitionDigest(wf: WorkflowDefinition): string {
  const implementations = wf.machine.implementations as unknown as Record<string, Record<string, unknown>>;
  const described = {
    name: wf.name,
    version: wf.version,
    topLevelStates: wf.topLevelStates,
    finalStates: wf.finalStates,
    config: plain(wf.machine.config),
    implementations: Object.fromEntries(Object.entries(implementations).map(([kind, named]) => [kind, Object.keys(named ?? {}).sort()])),
    events: Object.fromEntries(
      Object.values(wf.events).map((e) => [
        e.type,
        {
          label: e.label,
          description: e.description,
          schema: e.schema,
          example: e.example,
          senders: e.senders,
          rules: ['requiredWhen', 'checkWith', 'offeredWhen', 'candidates', 'choices'].filter((r) => r in e),
        },
      ]),
    ),
    deadlines: Object.fromEntries(
      Object.values(wf.deadlines).map((d) => [
        d.key,
        {
          delay: d.delay,
          purpose: d.purpose,
          event: d.event,
          label: d.label,
          anchor: d.anchor,
          family: d.family ?? false,
          extendable: d.extendable ?? false,
          notice: d.notice ?? [],
          rule: d.family ? 'per instance' : d.rule(DEFAULT_COMPACT_DEADLINES),
          before: d.before?.(DEFAULT_COMPACT_DEADLINES) ?? null,
        },
      ]),
    ),
  };
  return sha256(canonicalJson(described));
}

/** The files that make a released version (its reading, how people are shown it, may still be improved). */
function releasedFiles(wf: WorkflowDefinition): Record<string, string> {
  const dir = join(__dirname, wf.name);
  const files = ['machine', 'events', 'deadlines', 'types', 'states', 'workflow'].map((part) => `v${wf.version}.${part}.ts`);
  return Object.fromEntries(files.map((file) => [file, sha256(readFileSync(join(dir, file)))]));
}

describe('released workflow versions are frozen', () => {
  it.each(Object.keys(RELEASED))('%s is exactly as released', (key) => {
    const wf = WORKFLOWS.find((w) => `${w.name}/v${w.version}` === key);
    expect(wf).toBeDefined();
    const pinned = RELEASED[key];
    const advice = `${key} is released: cases run on it for years. Do not edit it; add a new version (v${wf!.version + 1}.*) and a migration.`;
    expect({ definition: definitionDigest(wf!), advice }).toEqual({ definition: pinned.definition, advice });
    expect({ files: releasedFiles(wf!), advice }).toEqual({ files: pinned.files, advice });
  });

  it('knows every installed version as released (a new version is pinned here when it ships)', () => {
    expect(WORKFLOWS.map((w) => `${w.name}/v${w.version}`)).toEqual(Object.keys(RELEASED));
  });
});
