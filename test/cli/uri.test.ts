import { fileUri, pathUri } from "../../src/cli/reporters/uri";

describe("SARIF artifact URIs keep every character of the path", () => {
  test.each<[string, string]>([
    ["infra/main.tf", "infra/main.tf"],
    ["infra/a#b.tf", "infra/a%23b.tf"],
    ["infra/what?.tf", "infra/what%3F.tf"],
    ["infra/100%.tf", "infra/100%25.tf"],
    ["my infra/x:y.tf", "my%20infra/x%3Ay.tf"],
    ["infra/é[1].tf", "infra/%C3%A9%5B1%5D.tf"],
    ["infra\\win.tf", "infra/win.tf"],
  ])("%s -> %s, which resolves back to the path", (file, uri) => {
    expect(pathUri(file)).toBe(uri);
    const resolved = new URL(uri, "file:///src/");
    expect(resolved.search + resolved.hash).toBe("");
    expect(decodeURIComponent(resolved.pathname)).toBe(`/src/${file.replace(/\\/g, "/")}`);
  });

  test.each<[string, string]>([
    ["/work/a#b.tf", "file:///work/a%23b.tf"],
    ["/work/q?/x.tf", "file:///work/q%3F/x.tf"],
    ["C:\\work\\a#b.tf", "file:///C:/work/a%23b.tf"],
  ])("absolute %s -> %s", (file, uri) => {
    expect(fileUri(file)).toBe(uri);
  });
});
