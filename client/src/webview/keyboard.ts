/**
 * Keyboard use of a unit's grid: one tab stop per grid (roving tabindex), arrows between visible cells.
 * Left/Right follow reading order; Up/Down go to the nearest cell on the visual line above or below (cells wrap,
 * so "the row above" is a matter of geometry); Home/End the ends of a section, Ctrl+Home/End the ends of the
 * grid; PageUp/PageDown the previous or next section.
 */

export function visibleCells(scope: ParentNode): HTMLElement[] {
  return Array.from(scope.querySelectorAll<HTMLElement>('.cell')).filter((c) => !c.hidden && !c.closest('[hidden]'));
}

/** Makes `cell` the grid's only tab stop. */
export function setTabStop(grid: HTMLElement, cell: HTMLElement): void {
  for (const c of Array.from(grid.querySelectorAll<HTMLElement>('.cell[tabindex="0"]')))
    if (c !== cell) c.tabIndex = -1;
  cell.tabIndex = 0;
}

/** Keeps exactly one visible tab stop after filtering: the selected cell, else the current stop, else the first. */
export function ensureTabStop(grid: HTMLElement): void {
  const cells = visibleCells(grid);
  if (cells.length === 0) return;
  const current =
    cells.find((c) => c.getAttribute('aria-selected') === 'true') ?? cells.find((c) => c.tabIndex === 0) ?? cells[0];
  setTabStop(grid, current);
}

function centreX(r: DOMRect): number {
  return r.left + r.width / 2;
}

/** The nearest cell on the closest visual line above (dir -1) or below (dir 1). */
function verticalNeighbour(cells: HTMLElement[], current: HTMLElement, dir: 1 | -1): HTMLElement | undefined {
  const here = current.getBoundingClientRect();
  const tolerance = here.height / 2;
  let best: { cell: HTMLElement; dy: number; dx: number } | undefined;
  for (const cell of cells) {
    const r = cell.getBoundingClientRect();
    const dy = (r.top - here.top) * dir;
    if (dy <= tolerance) continue;
    const dx = Math.abs(centreX(r) - centreX(here));
    if (!best || dy < best.dy - tolerance || (Math.abs(dy - best.dy) <= tolerance && dx < best.dx))
      best = { cell, dy, dx };
  }
  return best?.cell;
}

/** The cell a key moves to from `current`, or undefined when the key is not a grid key or cannot move. */
export function targetCell(
  grid: HTMLElement,
  current: HTMLElement,
  key: string,
  ctrl: boolean,
): HTMLElement | undefined {
  const cells = visibleCells(grid);
  const i = cells.indexOf(current);
  if (i < 0) return cells[0];
  const row = current.closest('[role="row"]');
  const inRow = row ? visibleCells(row) : cells;
  switch (key) {
    case 'ArrowRight':
      return cells[i + 1];
    case 'ArrowLeft':
      return cells[i - 1];
    case 'ArrowDown':
      return verticalNeighbour(cells, current, 1);
    case 'ArrowUp':
      return verticalNeighbour(cells, current, -1);
    case 'Home':
      return ctrl ? cells[0] : inRow[0];
    case 'End':
      return ctrl ? cells.at(-1) : inRow.at(-1);
    case 'PageDown':
      return cells.slice(i + 1).find((c) => c.closest('[role="row"]') !== row);
    case 'PageUp': {
      const before = cells.slice(0, i).filter((c) => c.closest('[role="row"]') !== row);
      const prevRow = before.at(-1)?.closest('[role="row"]');
      return before.find((c) => c.closest('[role="row"]') === prevRow);
    }
    default:
      return undefined;
  }
}

export const GRID_KEYS = new Set([
  'ArrowRight',
  'ArrowLeft',
  'ArrowDown',
  'ArrowUp',
  'Home',
  'End',
  'PageDown',
  'PageUp',
]);
