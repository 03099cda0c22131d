/** A failure said where the person is looking; nothing when there is none. */
export function ErrorAlert({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {error}
    </p>
  );
}
