import { describe, expect, it } from "vitest";
import { assertSafeTarget, blockedAddressReason, UnsafeTargetError, type HostLookup } from "./safe-target";

const resolvesTo = (table: Record<string, string[]>): HostLookup => async (host) => {
  if (!(host in table)) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return table[host];
};
const refused = (url: string, options = {}) => expect(assertSafeTarget(url, { lookup: resolvesTo({}), ...options })).rejects.toBeInstanceOf(UnsafeTargetError);

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "this-network"],
    ["100.64.0.1", "CGNAT"],
    ["100.100.100.200", "CGNAT"], // Alibaba Cloud metadata
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd00:ec2::254", "unique-local"], // AWS metadata over IPv6
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a00:1", "private"],
    ["::10.0.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:c0a8:101::1", "private"],
    ["ff02::1", "multicast"],
  ])("%s is refused (%s)", (ip, reason) => {
    expect(blockedAddressReason(ip)).toContain(reason);
  });

  it.each(["8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.255.0.1", "192.0.2.1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1", "2001:db8::1"])(
    "%s is public",
    (ip) => {
      expect(blockedAddressReason(ip)).toBeUndefined();
    },
  );
});

describe("assertSafeTarget", () => {
  it("refuses literal private addresses in every spelling the URL parser accepts", async () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/", // 127.0.0.1 as one number
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1:8080/x.png",
      "https://[::1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fd00:ec2::254]/",
      "http://0.0.0.0/",
    ]) {
      await refused(url);
    }
  });

  it("refuses local and metadata names without asking DNS", async () => {
    for (const url of ["http://localhost:3000/", "http://LOCALHOST./", "http://a.b.localhost/", "http://metadata.google.internal/computeMetadata/v1/", "http://metadata/"]) {
      await refused(url, { lookup: false });
    }
  });

  it("refuses a name when any of its addresses is private", async () => {
    const lookup = resolvesTo({ "cdn.example": ["93.184.215.14", "10.0.0.1"], "rebind.example": ["::ffff:127.0.0.1"] });
    await expect(assertSafeTarget("https://cdn.example/a.png", { lookup })).rejects.toThrow(/cdn\.example.*private 10\.0\.0\.0\/8/);
    await expect(assertSafeTarget("https://rebind.example/a.png", { lookup })).rejects.toThrow(/loopback/);
  });

  it("lets public names and addresses through", async () => {
    const lookup = resolvesTo({ "cdn.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
    await expect(assertSafeTarget("https://cdn.example/a.png", { lookup })).resolves.toBeUndefined();
    await expect(assertSafeTarget("http://93.184.215.14/a.png", { lookup })).resolves.toBeUndefined();
  });

  it("refuses schemes other than http(s)", async () => {
    await refused("file:///etc/passwd");
    await refused("ftp://93.184.215.14/");
  });

  it("passes DNS errors through unchanged", async () => {
    await expect(assertSafeTarget("https://nowhere.example/", { lookup: resolvesTo({}) })).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("the allow-list lets the gateway's own host through, by host or by exact origin", async () => {
    await expect(assertSafeTarget("http://127.0.0.1:8080/v1/videos/t/content", { allow: ["127.0.0.1"] })).resolves.toBeUndefined();
    await expect(assertSafeTarget("http://simulator.invalid/v1/files/t.png", { allow: ["simulator.invalid"] })).resolves.toBeUndefined();
    await expect(assertSafeTarget("http://[::1]:9/x", { allow: ["[::1]"] })).resolves.toBeUndefined();
    await expect(assertSafeTarget("http://10.0.0.5:3000/x", { allow: ["http://10.0.0.5:3000"] })).resolves.toBeUndefined();
    await refused("http://10.0.0.5:22/x", { allow: ["http://10.0.0.5:3000"] });
    // The gateway's host does not open the rest of the private network.
    await refused("http://10.0.0.6/x", { allow: ["10.0.0.5"] });
  });

  it("without DNS (an injected fetch), names are judged by spelling only", async () => {
    await expect(assertSafeTarget("http://cdn.example/a.png", { lookup: false })).resolves.toBeUndefined();
  });
});
