/** A KeyFigureBlock: a number that matters and what it counts. */
export function KeyFigureBlock({ figure, description }: { figure: string; description: string }) {
  return (
    <p className="key-figure">
      <strong>{figure}</strong> {description}
    </p>
  );
}
