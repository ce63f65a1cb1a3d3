/**
 * What Terraform makes of a string in its JSON configuration that should hold no interpolation:
 * `$${` renders as `${` and `%%{` as `%{`; an unescaped `${` or `%{` would be evaluated by
 * Terraform, so it is an error here (the value would not reach the cloud as written).
 */
export function renderTerraformLiteral(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    if (value.startsWith("$${", i) || value.startsWith("%%{", i)) {
      out += value[i] + "{";
      i += 2;
    } else if (value.startsWith("${", i) || value.startsWith("%{", i)) {
      throw new Error(`Terraform would evaluate ${JSON.stringify(value.slice(i, i + 40))} in ${JSON.stringify(value)}`);
    } else {
      out += value[i];
    }
  }
  return out;
}
