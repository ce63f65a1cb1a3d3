import { checkpointReport } from "../../scripts/mutation-checkpoint";

const SOURCES: Record<string, string> = { "src/a.ts": "export const a = 1;\n", "test/a.test.ts": "it('a', () => {});\n" };
const mutant = (id: string, status: string) => ({
  fileName: "/repo/src/a.ts",
  id,
  mutatorName: "BooleanLiteral",
  replacement: "false",
  location: { start: { line: 1, column: 18 }, end: { line: 1, column: 19 } },
  status,
  coveredBy: ["a"],
  ...(status === "Killed" ? { killedBy: ["a"] } : {}),
});

describe("checkpointReport", () => {
  const report = checkpointReport({
    projectRoot: "/repo",
    tests: [
      { id: "a", name: "a", fileName: "/repo/test/a.test.ts", startPosition: { line: 0, column: 0 } },
      { id: "b", name: "b" },
    ],
    mutants: [mutant("1", "Killed"), mutant("2", "Survived")],
    sourceOf: (file) => SOURCES[file],
  });

  it("groups the tested mutants by file, with the file's source at the run's commit", () => {
    expect(Object.keys(report.files)).toEqual(["src/a.ts"]);
    expect(report.files["src/a.ts"].source).toBe(SOURCES["src/a.ts"]);
    expect(report.files["src/a.ts"].mutants.map((m) => [m.id, m.status, "fileName" in m])).toEqual([
      ["1", "Killed", false],
      ["2", "Survived", false],
    ]);
  });

  it("keeps the dry run's tests, with 1-based start positions as the report schema counts them", () => {
    expect(report.testFiles["test/a.test.ts"]).toEqual({
      source: SOURCES["test/a.test.ts"],
      tests: [{ id: "a", name: "a", location: { start: { line: 1, column: 1 } } }],
    });
    // A test without a file (a runner that cannot say) goes under "", which Stryker reads as "no location".
    expect(report.testFiles[""]).toEqual({ source: "", tests: [{ id: "b", name: "b" }] });
  });
});
