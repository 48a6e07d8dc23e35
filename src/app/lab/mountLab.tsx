import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'

/** Placeholder until the lab view lands. */
export const mountLab = (root: Root, _params: PageParams) => {
  root.render(<p>The lab is being built.</p>)
}
