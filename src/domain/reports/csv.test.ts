import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("CSV cells", () => {
  it("neutralise every character a spreadsheet reads as the start of a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tTab")).toBe("'\tTab");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });
  it("leave ordinary text and numbers as they are, negative numbers too", () => {
    expect(csvCell("Rosa Díaz")).toBe("Rosa Díaz");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });
  it("quote commas, quotes and line breaks", () => {
    expect(csvCell("North, team")).toBe(`"North, team"`);
    expect(csvCell(`She said "yes"`)).toBe(`"She said ""yes"""`);
    expect(csvCell("two\nlines")).toBe(`"two\nlines"`);
  });
  it("make a file with a byte-order mark and CRLF rows", () => {
    expect(toCsv(["Name", "Starts"], [["=cmd", 2], ["Ana", 0]])).toBe("\uFEFFName,Starts\r\n'=cmd,2\r\nAna,0\r\n");
  });
});
