import { blockedByOtherKey } from '../../state/present/presentStore'
import type { DragEvent } from 'react'
import { usePresent } from './presentContext'
import { TILE_DRAG_TYPE } from './ReplicaTile'
import { dropAttr } from './touchDrag'

/** Drop targets for dragging tiles: each group, a new group, and "cut off". */
export const GroupBuckets = () => {
  const tiles = usePresent((s) => s.tiles)
  const policy = usePresent((s) => s.policy)
  const canControl = usePresent((s) => s.control.ok && !blockedByOtherKey(s.key))
  const actions = usePresent((s) => s.actions)
  const here = tiles.filter((t) => t.presence === 'here')
  const groups = Math.max(policy.groups.length, 1)
  const accept = (e: DragEvent) => {
    if (canControl && e.dataTransfer.types.includes(TILE_DRAG_TYPE)) e.preventDefault()
  }
  const dropped = (e: DragEvent): number | null => {
    const id = Number(e.dataTransfer.getData(TILE_DRAG_TYPE))
    return Number.isFinite(id) && e.dataTransfer.getData(TILE_DRAG_TYPE) !== '' ? id : null
  }
  return (
    <ul className="buckets" aria-label="Groups: drag a tile here">
      {Array.from({ length: groups }, (_, g) => `group-${g}`).map((key, g) => (
        <li
          key={key}
          className="bucket"
          data-testid={`bucket-${g}`}
          data-drop={dropAttr({ kind: 'group', group: g })}
          onDragOver={accept}
          onDrop={(e) => {
            const id = dropped(e)
            if (id !== null) actions.moveToGroup(id, g)
          }}
        >
          {groups === 1 ? 'Everyone' : `Group ${g + 1}`} ({here.filter((t) => t.group === g && !t.cut).length})
        </li>
      ))}
      <li
        className="bucket bucket-new"
        data-testid="bucket-new"
        data-drop="new"
        onDragOver={accept}
        onDrop={(e) => {
          const id = dropped(e)
          if (id !== null) actions.moveToGroup(id, groups)
        }}
      >
        + New group
      </li>
      <li
        className="bucket bucket-cut"
        data-testid="bucket-cut"
        data-drop="cut"
        onDragOver={accept}
        onDrop={(e) => {
          const id = dropped(e)
          if (id !== null) actions.setCut(id, true)
        }}
      >
        Cut off ({here.filter((t) => t.cut).length})
      </li>
    </ul>
  )
}
