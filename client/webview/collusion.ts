// The preview's "Who must collude" panel: per failure (steal, freeze, censor, halt) the smallest
// coalition in independent organisations, its members and conditions, what users must do, and the
// facts the count rests on that the spec does not give. Selecting a coalition highlights its
// parties (component boxes) and paths (lines) in the diagram through a DiagramHighlighter, which
// the diagram owns. Spec text is untrusted: it is placed with text nodes only, never as markup,
// and no class name or attribute is built from it (data-failure carries one of four fixed words).
import type { SnapshotCoalition, SnapshotCollusion, SnapshotFailure } from '../../server/src/render/collusion.js';
import type { FailureKind } from '../../server/src/engine/trust/types.js';

/** The failures, in the order the panel lists them (fixed words: safe as attribute values). */
export const PANEL_FAILURES: readonly FailureKind[] = ['steal', 'freeze', 'censor', 'halt'];

/** What a selected coalition highlights: diagram element ids of its parties and of its paths. */
export interface CoalitionSelection {
  failure: FailureKind;
  index: number;
  parties: readonly string[];
  paths: readonly string[];
}

/** The diagram's hook: mark these elements as the selected coalition's; undefined clears the marks. */
export interface DiagramHighlighter {
  highlightCoalition(selection: CoalitionSelection | undefined): void;
}

export interface CollusionPanel {
  /** The panel's root (a section); place it once. */
  readonly element: HTMLElement;
  /** Shows a snapshot's answer; keeps the selection when the same coalition still exists. */
  render(data: SnapshotCollusion | undefined): void;
  /** Selects a coalition (false when there is none at that place); a second select of it clears. */
  select(failure: FailureKind, index: number): boolean;
  clear(): void;
  selection(): CoalitionSelection | undefined;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.appendChild(document.createTextNode(text));
  return e;
}

/** "1 organisation" / "5 independent organisations". */
function entities(n: number): string {
  return n === 1 ? '1 organisation' : `${n} independent organisations`;
}

/** The heading of a failure: "Steal: 5 independent organisations" or "Steal: no coalition of others". */
export function failureHeading(f: SnapshotFailure): string {
  if (f.minEntities === null) return `${f.title}: no coalition of others can`;
  return `${f.title}: ${f.approximate ? 'at most ' : ''}${entities(f.minEntities)}${f.coalitions[0]?.unknown.length ? ' (at least; facts missing)' : ''}`;
}

/** One coalition on one line, as the button's text. */
export function coalitionLine(c: SnapshotCoalition): string {
  const when = [c.after ? `after ${c.after}` : '', c.condition ? `if ${c.condition}` : ''].filter(Boolean).join(', ');
  return `${entities(c.entities)}: ${c.members.map((m) => m.text).join(' + ')} — ${c.how}${when ? ` (${when})` : ''}`;
}

/** Builds the panel. `highlighter` is the diagram's hook; the panel never touches the diagram itself. */
export function createCollusionPanel(highlighter: DiagramHighlighter): CollusionPanel {
  const heading = el('h2', undefined, 'Who must collude');
  heading.id = 'collusion-heading';
  const link = el('p', 'collusion-link muted');
  const list = el('div', 'collusion-failures');
  const root = el('section', 'collusion');
  root.id = 'collusion';
  root.setAttribute('aria-labelledby', 'collusion-heading');
  root.hidden = true;
  root.append(heading, link, list);

  let data: SnapshotCollusion | undefined;
  let selected: CoalitionSelection | undefined;
  const buttons = new Map<string, HTMLButtonElement>();
  const key = (failure: FailureKind, index: number) => `${failure}:${index}`;

  const apply = () => {
    for (const [k, b] of buttons) b.setAttribute('aria-pressed', String(selected !== undefined && k === key(selected.failure, selected.index)));
    highlighter.highlightCoalition(selected);
  };

  const coalitionAt = (failure: FailureKind, index: number): SnapshotCoalition | undefined =>
    data?.failures.find((f) => f.kind === failure)?.coalitions[index];

  const select = (failure: FailureKind, index: number): boolean => {
    const c = coalitionAt(failure, index);
    if (!c) return false;
    selected = selected && selected.failure === failure && selected.index === index
      ? undefined
      : { failure, index, parties: [...c.partyIds], paths: [...c.pathIds] };
    apply();
    return true;
  };

  const failureBlock = (f: SnapshotFailure): HTMLElement => {
    const block = el('div', 'collusion-failure');
    // A fixed word from PANEL_FAILURES, never spec text.
    if (PANEL_FAILURES.includes(f.kind)) block.setAttribute('data-failure', f.kind);
    block.append(el('h3', 'collusion-failure-heading', failureHeading(f)));
    if (f.coalitions.length) {
      const ul = el('ul', 'coalitions');
      f.coalitions.forEach((c, i) => {
        const li = el('li', 'coalition-item');
        const b = el('button', 'coalition link', coalitionLine(c));
        b.type = 'button';
        b.setAttribute('aria-pressed', 'false');
        b.setAttribute('data-index', String(i));
        b.title = 'Select to highlight its parties and paths in the diagram';
        b.addEventListener('click', () => select(f.kind, i));
        buttons.set(key(f.kind, i), b);
        li.append(b);
        if (c.unknown.length) li.append(el('span', 'coalition-unknown muted', ` Not declared: ${c.unknown.join(', ')}.`));
        ul.append(li);
      });
      block.append(ul);
    }
    if (f.userConditions.length) {
      const ul = el('ul', 'user-conditions');
      for (const u of f.userConditions) ul.append(el('li', 'muted', `Users must: ${u}`));
      block.append(ul);
    }
    return block;
  };

  root.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && selected) {
      selected = undefined;
      apply();
      ev.stopPropagation();
    }
  });

  return {
    element: root,
    render(next) {
      data = next;
      buttons.clear();
      if (!next) {
        root.hidden = true;
        list.replaceChildren();
        if (selected) { selected = undefined; highlighter.highlightCoalition(undefined); }
        return;
      }
      root.hidden = false;
      link.textContent = next.link.text;
      list.replaceChildren(...next.failures.map(failureBlock));
      // Keep the selection while the same coalition (same place, same parties) is still there.
      if (selected) {
        const c = coalitionAt(selected.failure, selected.index);
        selected = c ? { ...selected, parties: [...c.partyIds], paths: [...c.pathIds] } : undefined;
      }
      apply();
    },
    select,
    clear() {
      selected = undefined;
      apply();
    },
    selection: () => selected,
  };
}
