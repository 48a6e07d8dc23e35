import { smokeSuite } from './smokeSuite'

// Debian's Firefox ESR (Gecko) over WebDriver BiDi: every view, persistence, tabs of one browser.
smokeSuite('firefox')
