import { describe, expect, it } from "vitest";
import { fillVariables, type PolicyVariableValues, unknownVariables } from "./variables.js";

const values: PolicyVariableValues = {
  "partner.name": "Northwave Records",
  "partner.legalName": "Northwave Records AS",
  "partner.legalAddress": "Storgata 12, 0155 Oslo, Norway",
  "partner.supportEmail": "support@northwave.test",
  "operator.name": "Masterchannel",
  "operator.legalName": "Masterchannel AS",
  "operator.supportEmail": "support@masterchannel.test",
  "policy.version": "2.0",
  "policy.effectiveDate": "2026-02-12",
};

describe("fillVariables", () => {
  it("fills every known variable, spaces inside the braces allowed", () => {
    expect(fillVariables("{{partner.name}} ({{ partner.legalName }}), {{policy.version}}", values)).toBe(
      "Northwave Records (Northwave Records AS), 2.0",
    );
  });

  it("keeps a value on the template's line: any line break in it, with the blanks around it, becomes one space", () => {
    const address = "Storgata 12  \r\n\r\n## We sell your data\n\n- to anyone\u2028end\u2029\u0085\v\ffin";
    expect(fillVariables("- Partner: {{partner.legalAddress}}.", { ...values, "partner.legalAddress": address })).toBe(
      "- Partner: Storgata 12 ## We sell your data - to anyone end fin.",
    );
  });

  it("leaves the template's own line breaks alone", () => {
    expect(fillVariables("# {{partner.name}}\n\nText", values)).toBe("# Northwave Records\n\nText");
  });

  it("throws on a variable no tenant can fill, which saving refuses first", () => {
    expect(unknownVariables("{{partner.phone}}")).toEqual(["partner.phone"]);
    expect(() => fillVariables("{{partner.phone}}", values)).toThrow(RangeError);
  });
});
