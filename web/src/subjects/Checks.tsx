/** A group of checkboxes over a label table (audiences, variants, languages, channels). */
export function Checks<T extends string>({ legend, name, labels, values, onChange, error }: {
  legend: string; name: string; labels: Record<T, string>; values: T[]; onChange(v: T[]): void; error?: string;
}) {
  return (
    <fieldset className={`checkbox-group${error ? " has-error" : ""}`}>
      <legend>{legend}</legend>
      <ul className="checks inline-checks">
        {(Object.keys(labels) as T[]).map((k) => (
          <li key={k}>
            <label className="check">
              <input type="checkbox" name={name} value={k} checked={values.includes(k)}
                onChange={(e) => onChange(e.target.checked ? [...values, k] : values.filter((v) => v !== k))} />
              <span>{labels[k]}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
