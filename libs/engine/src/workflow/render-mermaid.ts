import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  key: string;
  path: string[];
  type: string;
  states: Record<string, NodeLike>;
  initial?: { target: NodeLike[] };
  transitions: Map<string, Array<{ target?: NodeLike[]; guard?: { type?: string } | unknown; eventType: string }>>;
}

const idOf = (node: NodeLike): string => node.path.join('_');

function guardName(guard: unknown): string | null {
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type);
  // XState's and()/or() guards carry the guards they combine.
  const combined = guard as { check?: { name?: string }; guards?: unknown[] };
  if (typeof guard === 'function' && Array.isArray(combined.guards)) {
    const joiner = combined.check?.name?.includes('Or') ? ' or ' : ' and ';
    return combined.guards.map((g) => guardName(g) ?? 'guarded').join(joiner);
  }
  return 'guarded';
}

/**
 * A Mermaid state diagram of a machine, generated from its definition: compound states nest,
 * every targeted transition is an arrow labelled with its event (and guard). Transitions that
 * keep the state (notes, meetings) are listed under the diagram rather than drawn.
 */
export function renderMermaid(machine: AnyStateMachine, describe: (path: string) => string = (p) => p): string {
  const lines = ['stateDiagram-v2'];
  const stays = new Set<string>();
  const arrows: string[] = [];

  const visit = (node: NodeLike, indent: string): void => {
    const children = Object.values(node.states);
    const id = idOf(node);
    if (children.length > 0) {
      lines.push(`${indent}state "${describe(node.path.join('.'))}" as ${id} {`);
      if (node.initial) lines.push(`${indent}  [*] --> ${idOf(node.initial.target[0])}`);
      for (const child of children) visit(child, indent + '  ');
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${describe(node.path.join('.'))}" as ${id}`);
    }
    if (node.type === 'final') arrows.push(`${id} --> [*]`);
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        if (!t.target || t.target.length === 0) {
          stays.add(event);
          continue;
        }
        const guard = guardName(t.guard);
        arrows.push(`${id} --> ${idOf(t.target[0])}: ${event}${guard ? ` [${guard}]` : ''}`);
      }
    }
  };

  const root = machine.root as unknown as NodeLike;
  if (root.initial) lines.push(`  [*] --> ${idOf(root.initial.target[0])}`);
  for (const child of Object.values(root.states)) visit(child, '  ');
  lines.push(...arrows.map((a) => `  ${a}`));
  return `${lines.join('\n')}\n`;
}

/** The events that are accepted without leaving the state, for the legend under the diagram. */
export function stayingEvents(machine: AnyStateMachine): string[] {
  const found = new Set<string>();
  const visit = (node: NodeLike): void => {
    for (const [event, transitions] of node.transitions) if (transitions.some((t) => !t.target?.length)) found.add(event);
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root as unknown as NodeLike);
  return [...found].sort();
}
