import { describe, expect, it } from "vitest";
import { passwordRefusal, passwordWorks, signInEmail } from "./policy.ts";

const open = { optionOn: true, archived: false, email: "ana@example.org" };

describe("a participant's password", () => {
  it("may be set and used while the option is on, the participant is current and has an email", () => {
    expect(passwordRefusal(open)).toBeNull();
    expect(passwordWorks(open, true)).toBe(true);
  });

  it("is refused while the program has the option off, even when one is stored", () => {
    expect(passwordRefusal({ ...open, optionOn: false })).toBe("option_off");
    expect(passwordWorks({ ...open, optionOn: false }, true)).toBe(false);
  });

  it("is refused for an archived participant", () => {
    expect(passwordRefusal({ ...open, archived: true })).toBe("archived");
    expect(passwordWorks({ ...open, archived: true }, true)).toBe(false);
  });

  it("needs an email on record, since the email is how they sign in", () => {
    expect(passwordRefusal({ ...open, email: null })).toBe("no_email");
    expect(passwordRefusal({ ...open, email: "  " })).toBe("no_email");
    expect(passwordWorks({ ...open, email: null }, true)).toBe(false);
  });

  it("does not work when none was set", () => {
    expect(passwordWorks(open, false)).toBe(false);
  });

  it("compares emails without case or spaces", () => {
    expect(signInEmail(" Ana@Example.ORG ")).toBe("ana@example.org");
    expect(signInEmail(null)).toBeNull();
  });
});
