import { blockedByOtherKey } from '../../state/present/presentStore'
import { useRef } from 'react'
import { gridShape } from './gridShape'
import { usePresent } from './presentContext'
import { ReplicaTile } from './ReplicaTile'
import { useBoxSize } from './useBoxSize'

const GAP = 10

/** Every replica as a tile, in a grid sized so that 40 fit without scrolling. */
export const TileGrid = () => {
  const tiles = usePresent((s) => s.tiles)
  const canControl = usePresent((s) => s.control.ok && !blockedByOtherKey(s.key))
  const groups = usePresent((s) => Math.max(s.policy.groups.length, 1))
  const actions = usePresent((s) => s.actions)
  const box = useRef<HTMLDivElement>(null)
  const size = useBoxSize(box)
  const shape = gridShape(tiles.length, size.width, size.height, GAP)
  // 20 px at the smallest tile (MIN_TILE_H), up to 26 px for a few large ones.
  const font = Math.max(20, Math.min(26, shape.tileH / 6))
  return (
    <div className="tile-box" ref={box}>
      <ul
        className="tiles"
        aria-label="Replicas in the room"
        style={{
          gridTemplateColumns: `repeat(${shape.cols}, minmax(0, 1fr))`,
          // A tile with a long name grows its row rather than clip it.
          gridAutoRows: `minmax(${Math.max(shape.tileH, 0)}px, auto)`,
          gap: `${GAP}px`,
          fontSize: `${font}px`,
        }}
      >
        {tiles.map((t) => (
          <ReplicaTile
            key={t.clientID}
            tile={t}
            groups={groups}
            canControl={canControl}
            onCut={actions.setCut}
            onForget={actions.forget}
            onDropReplica={actions.moveToGroup}
          />
        ))}
      </ul>
    </div>
  )
}
