/**
 * Text such as "A ≠ A′" with the ≠ drawn as one crossed sign (an inline SVG in the text's colour):
 * at 54 px bold, many fonts lack U+2260 and the fallback draws "=/" apart. The text itself stays
 * in the DOM for screen readers, find-in-page and tests.
 */
export const RelationText = ({ text }: { text: string }) => (
  <>
    {text.split(/(≠)/).map((part, i) =>
      part === '≠' ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
        <span key={i} className="neq">
          <svg className="neq-glyph" viewBox="0 0 20 20" aria-hidden="true" data-testid="neq-glyph">
            <path d="M3 7.5h14M3 12.5h14M14 2.5 6 17.5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" fill="none" />
          </svg>
          <span className="neq-text">≠</span>
        </span>
      ) : (
        part
      ),
    )}
  </>
)
