import type { Root } from 'react-dom/client'
import type { PageParams } from '../../core/params'

/** Placeholder until the lecture view lands. */
export const mountLecture = (root: Root, _params: PageParams) => {
  root.render(<p>The lecture is being built.</p>)
}
