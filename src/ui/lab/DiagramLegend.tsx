/** What the marks on the space-time diagram mean. */
export const DiagramLegend = () => (
  <ul className="legend" aria-label="Legend">
    <li className="legend-lead">time runs left to right, one line per replica:</li>
    <li>
      <svg width="34" height="12" aria-hidden="true">
        <circle cx="4" cy="6" r="3" fill="#475569" />
        <line x1="4" y1="6" x2="26" y2="6" stroke="#475569" strokeWidth="2.25" />
        <path d="M33 6 L24 2 L24 10 Z" fill="#475569" />
      </svg>
      update
    </li>
    <li>
      <svg width="34" height="12" aria-hidden="true">
        <line x1="2" y1="6" x2="32" y2="6" stroke="#475569" strokeWidth="1.8" strokeDasharray="2 4" strokeLinecap="round" />
      </svg>
      sync 1 (state vector)
    </li>
    <li>
      <svg width="34" height="12" aria-hidden="true">
        <line x1="2" y1="6" x2="32" y2="6" stroke="#475569" strokeWidth="2" strokeDasharray="9 4" />
      </svg>
      sync 2 (what is missing)
    </li>
    <li>
      <span className="legend-mark">✕</span> dropped
    </li>
    <li>
      <span className="legend-mark">◯</span> duplicate
    </li>
    <li>
      <span className="legend-mark">◇</span> overtaken
    </li>
  </ul>
)
