import { format } from "@/lib/i18n/format";

/**
 * A template's prompt with its {blanks} marked. The blanks are the server's
 * (`Template.variables`, read by templateVariables), so the page never
 * decides on its own what counts as one; names are letters, digits and `_`,
 * nothing a pattern needs escaped.
 */
export function HighlightedPrompt(props: { prompt: string; variables: readonly string[]; blankLabel: string; className?: string }) {
  const { prompt, variables } = props;
  const pieces = variables.length === 0 ? [prompt] : prompt.split(new RegExp(`(\\{(?:${variables.join("|")})\\})`, "u"));
  return (
    <p className={props.className}>
      {pieces.map((piece, i) =>
        // split with one capture group: the odd pieces are the blanks.
        i % 2 === 1 ? (
          <mark
            key={i}
            title={format(props.blankLabel, { name: piece.slice(1, -1) })}
            className="rounded bg-amber-100 px-0.5 font-medium text-amber-900 dark:bg-amber-400/20 dark:text-amber-200"
          >
            {piece}
          </mark>
        ) : (
          piece
        ),
      )}
    </p>
  );
}
