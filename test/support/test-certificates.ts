import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCertificates {
  dir: string;
  /** The test CA that signed the server certificate: trust it to connect. */
  caFile: string;
  ca: string;
  /** A certificate for localhost and 127.0.0.1, and its key. */
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  remove(): void;
}

/** A fresh CA and a server certificate signed by it (openssl), in a temporary folder. */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "gw-certs-"));
  const at = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=gateway test CA");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  writeFileSync(at("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
    "-days", "2", "-extfile", "server.ext");
  return {
    dir,
    caFile: at("ca.pem"),
    ca: readFileSync(at("ca.pem"), "utf8"),
    certFile: at("server.pem"),
    keyFile: at("server.key"),
    cert: readFileSync(at("server.pem"), "utf8"),
    key: readFileSync(at("server.key"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
