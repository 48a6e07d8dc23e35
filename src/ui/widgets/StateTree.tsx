import type { TreeNode } from '../../core/tree'

const Node = ({ node }: { node: TreeNode }) => {
  const label = (
    <>
      <span className="tree-key">{node.key}</span> <span className="tree-kind">{node.kind}</span>
      {node.size !== undefined && <span className="muted"> ({node.size})</span>}
      {node.value !== undefined && <span className="tree-value"> {node.kind === 'text' ? JSON.stringify(node.value) : node.value}</span>}
    </>
  )
  if (node.children === undefined || node.children.length === 0) return <li>{label}</li>
  return (
    <li>
      <details open={node.children.length <= 12}>
        <summary>{label}</summary>
        <ul>
          {node.children.map((c) => (
            <Node key={c.key} node={c} />
          ))}
        </ul>
      </details>
    </li>
  )
}

/** The document as a tree of shared types and values. */
export const StateTree = ({ roots }: { roots: readonly TreeNode[] }) =>
  roots.length === 0 ? (
    <p className="muted">The document is empty.</p>
  ) : (
    <ul className="state-tree">
      {roots.map((r) => (
        <Node key={r.key} node={r} />
      ))}
    </ul>
  )
