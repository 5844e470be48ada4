// Tests run in Node, so node:crypto can cross-check what @noble computes in the browser-safe code.
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EEA_COUNTRIES,
  EU_COUNTRIES,
  jurisdictionOf,
  MIN_SUBJECT_SECRET_BYTES,
  newPersonalDataSalt,
  personalDataDigest,
  subjectDigest,
  truncateIp,
} from "./privacy.js";

describe("truncateIp", () => {
  it("keeps the /24 of an IPv4 address", () => {
    expect(truncateIp("203.0.113.77")).toBe("203.0.113.0");
    expect(truncateIp("0.0.0.0")).toBe("0.0.0.0");
    expect(truncateIp("255.255.255.255")).toBe("255.255.255.0");
    expect(truncateIp(" 10.1.2.3\n")).toBe("10.1.2.0");
  });

  it("keeps the /48 of an IPv6 address, in RFC 5952 form", () => {
    expect(truncateIp("2001:0DB8:85a3:08d3:1319:8a2e:0370:7348")).toBe("2001:db8:85a3::");
    expect(truncateIp("2001:db8::1")).toBe("2001:db8::");
    expect(truncateIp("2001:db8:0:1::1")).toBe("2001:db8::");
    expect(truncateIp("2001:0:0:1::1")).toBe("2001::");
    expect(truncateIp("0:0:1:2:3:4:5:6")).toBe("0:0:1::");
    expect(truncateIp("::1")).toBe("::");
    expect(truncateIp("::")).toBe("::");
    expect(truncateIp("fe80::1%eth0")).toBe("fe80::");
    expect(truncateIp("2001:db8:aaaa:bbbb:cccc:dddd:1.2.3.4")).toBe("2001:db8:aaaa::");
    expect(truncateIp("2001:db8:1::")).toBe("2001:db8:1::");
  });

  it("treats an IPv4-mapped IPv6 address as the IPv4 address it carries", () => {
    expect(truncateIp("::ffff:203.0.113.77")).toBe("203.0.113.0");
    expect(truncateIp("::FFFF:cb00:714d")).toBe("203.0.113.0");
    expect(truncateIp("0:0:0:0:0:ffff:10.1.2.3")).toBe("10.1.2.0");
    // Not mapped: the deprecated IPv4-compatible form and NAT64 stay IPv6.
    expect(truncateIp("::203.0.113.77")).toBe("::");
    expect(truncateIp("64:ff9b::203.0.113.77")).toBe("64:ff9b::");
  });

  it("answers null for anything that is not an address", () => {
    for (const bad of [
      "",
      "localhost",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.-4",
      "1.2.3.4/24",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1::2::3",
      ":1::",
      "1:::2",
      "12345::",
      "g::1",
      "::ffff:1.2.3.256",
      "1:2:3:4:5:6:7:1.2.3.4",
      "fe80::1%",
      "[::1]",
    ]) {
      expect(truncateIp(bad), bad).toBeNull();
    }
  });

  it("gives the same network for every address in it", () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const network = truncateIp(ip);
        expect(network).toBe(`${ip.split(".").slice(0, 3).join(".")}.0`);
        expect(truncateIp(network ?? "")).toBe(network);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const network = truncateIp(ip);
        expect(network).not.toBeNull();
        expect(truncateIp(network ?? "")).toBe(network);
      }),
    );
  });
});

describe("jurisdictionOf", () => {
  it("lists the 27 EU and 30 EEA countries, each once", () => {
    expect(new Set(EU_COUNTRIES).size).toBe(27);
    expect(new Set(EEA_COUNTRIES).size).toBe(30);
  });

  it("places each EEA country, in any case, in the EEA", () => {
    for (const country of EEA_COUNTRIES) {
      expect(jurisdictionOf(country), country).toBe("EEA");
      expect(jurisdictionOf(country.toLowerCase()), country).toBe("EEA");
    }
  });

  it("tells the UK, Switzerland, the US and the rest apart, and knows when there is no hint", () => {
    expect(jurisdictionOf("GB")).toBe("UK");
    expect(jurisdictionOf("UK")).toBe("UK");
    expect(jurisdictionOf("CH")).toBe("CH");
    expect(jurisdictionOf("us")).toBe("US");
    expect(jurisdictionOf("RE")).toBe("EEA"); // Réunion is France
    expect(jurisdictionOf("AX")).toBe("EEA"); // Åland is Finland
    for (const other of ["JP", "BR", "CA", "GL", "FO", "SJ", "JE", "PR", "XX", "EL"]) expect(jurisdictionOf(other), other).toBe("OTHER");
    for (const none of [undefined, null, "", " "]) expect(jurisdictionOf(none)).toBe("UNKNOWN");
  });
});

describe("subjectDigest", () => {
  it("matches the HMAC-SHA256 test vector of RFC 4231 (case 7) and node:crypto", () => {
    const key = new Uint8Array(131).fill(0xaa);
    const data =
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";
    expect(subjectDigest(key, data)).toBe("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    expect(subjectDigest(key, data)).toBe(createHmac("sha256", key).update(data, "utf8").digest("hex"));
  });

  it("agrees with node:crypto for any secret and subject id, Unicode included", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: MIN_SUBJECT_SECRET_BYTES, maxLength: 80 }),
        fc.string({ unit: "grapheme" }),
        (secret, subjectId) => {
          expect(subjectDigest(secret, subjectId)).toBe(createHmac("sha256", secret).update(subjectId, "utf8").digest("hex"));
        },
      ),
    );
  });

  it("differs between tenants' secrets and refuses a short secret", () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(subjectDigest(a, "dev_5f1c9a")).not.toBe(subjectDigest(b, "dev_5f1c9a"));
    expect(() => subjectDigest(new Uint8Array(16), "dev_5f1c9a")).toThrow(RangeError);
  });
});

describe("personalDataDigest", () => {
  it("is the sha256 of the canonical JSON of the data, salt included", () => {
    const data = { ip: "203.0.113.0", userAgent: "Mozilla/5.0", salt: "00112233445566778899aabbccddeeff" };
    const canonical = '{"ip":"203.0.113.0","salt":"00112233445566778899aabbccddeeff","userAgent":"Mozilla/5.0"}';
    expect(personalDataDigest(data)).toBe(createHash("sha256").update(canonical).digest("hex"));
    expect(personalDataDigest({ ...data, salt: newPersonalDataSalt() })).not.toBe(personalDataDigest(data));
    expect(personalDataDigest({ ip: null, userAgent: null, salt: data.salt })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("draws a fresh 16-byte salt each time", () => {
    const salt = newPersonalDataSalt();
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(newPersonalDataSalt()).not.toBe(salt);
  });
});
