import { memo } from 'react'
import { channelWords } from '../../net/LiveConnection'
import type { Tile } from '../../state/present/tiles'
import { dropAttr, startTouchDrag } from './touchDrag'

const VERDICT_WORDS: Record<Tile['verdict'], string> = {
  self: 'teacher',
  equal: '=',
  converging: '≈',
  differs: '≠',
  unknown: '…',
}

/** What the verdict sign compares with, for the tile's title and screen readers. */
const verdictTitle = (t: Tile, groups: number): string => {
  const whom = t.cut ? 'the teacher' : groups > 1 ? `its group (group ${t.group + 1})` : 'the teacher'
  if (t.verdict === 'self') return "the teacher's own replica"
  if (t.verdict === 'equal') return `same state as ${whom}`
  if (t.verdict === 'converging') return `catching up with ${whom}`
  if (t.verdict === 'differs') return t.difference ?? `differs from ${whom}`
  return 'has not said where it stands yet'
}

export const TILE_DRAG_TYPE = 'application/x-aprime-replica'

interface Props {
  tile: Tile
  /** How many groups the policy has (1: everyone together). */
  groups: number
  canControl: boolean
  onCut: (clientID: number, cut: boolean) => void
  onForget: (clientID: number) => void
  onDropReplica: (clientID: number, group: number) => void
}

/** One replica on the wall: who, its state, its verdict against the presenter. Drag it onto a group. */
export const ReplicaTile = memo(({ tile: t, groups, canControl, onCut, onForget, onDropReplica }: Props) => {
  const classes = ['tile', `tile-${t.verdict}`, `tile-${t.presence}`, t.cut ? 'tile-cut' : '', t.following ? '' : 'tile-stale']
  return (
    <li
      className={classes.join(' ')}
      style={{ borderTopColor: t.color }}
      aria-label={t.tab > 1 ? `${t.name} (tab ${t.tab})` : t.name}
      title={verdictTitle(t, groups)}
      data-testid="tile"
      data-client={t.clientID}
      data-verdict={t.verdict}
      data-group={t.group}
      draggable={canControl && t.presence === 'here'}
      data-drop={dropAttr({ kind: 'group', group: t.group })}
      onPointerDown={(e) => {
        // By touch the name is the handle (it does not scroll the page); the rest of the tile scrolls the grid.
        if (!canControl || t.presence !== 'here' || !(e.target as HTMLElement).closest('.tile-name')) return
        startTouchDrag(e, (target) => {
          if (target.kind === 'cut') onCut(t.clientID, true)
          else onDropReplica(t.clientID, target.kind === 'new' ? groups : target.group)
        })
      }}
      onDragStart={(e) => {
        e.dataTransfer.setData(TILE_DRAG_TYPE, String(t.clientID))
        e.dataTransfer.effectAllowed = 'move'
      }}
      onDragOver={(e) => {
        if (canControl && e.dataTransfer.types.includes(TILE_DRAG_TYPE)) e.preventDefault()
      }}
      onDrop={(e) => {
        const id = Number(e.dataTransfer.getData(TILE_DRAG_TYPE))
        if (Number.isFinite(id) && id !== t.clientID) onDropReplica(id, t.group)
      }}
    >
      <div className="tile-name">
        <span className="dot" style={{ background: t.color }} />
        {t.name}
        {t.tab > 1 && <span className="tile-tab"> · tab {t.tab}</span>}
      </div>
      <div className={`tile-verdict verdict-${t.verdict}`}>
        {VERDICT_WORDS[t.verdict]}
      </div>
      <div className="tile-facts" title={`state digest ${t.digest === '' ? 'not published yet' : t.digest}; ${t.updates} updates held`}>
        <span className="mono">#{t.digest === '' ? '—' : t.digest.slice(0, 6)}</span> · <span data-testid="tile-updates">{t.updates}</span>
      </div>
      {(t.cut || groups > 1 || t.presence !== 'here' || !t.following || t.via !== null) && (
        <div className="tile-status">
          {[
            t.cut ? 'cut off' : groups > 1 ? `group ${t.group + 1}` : null,
            t.presence === 'here' && t.via !== null ? channelWords(t.via) : null,
            t.presence === 'left' ? (t.wentOffline ? 'went offline' : 'left') : t.presence === 'unreachable' ? 'out of reach' : null,
            t.following ? null : 'applying…',
          ]
            .filter((w) => w !== null)
            .join(' · ')}
        </div>
      )}
      {t.presence === 'here' && !t.isSelf && canControl && (
        <button type="button" className="tile-action" aria-label={`${t.cut ? 'Reconnect' : 'Cut off'} ${t.name}`} onClick={() => onCut(t.clientID, !t.cut)}>
          {t.cut ? 'Reconnect' : 'Cut off'}
        </button>
      )}
      {t.presence !== 'here' && (
        <button type="button" className="tile-action" aria-label={`Forget ${t.name}`} onClick={() => onForget(t.clientID)}>
          Forget
        </button>
      )}
    </li>
  )
})
