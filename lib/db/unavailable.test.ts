import { describe, expect, it } from "vitest";
import { isStoreUnavailable } from "./unavailable";

describe("isStoreUnavailable", () => {
  it("recognises refused, cut and restarting connections, also deep in a cause chain", () => {
    expect(isStoreUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isStoreUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isStoreUnavailable(new Error("wrapped", { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    expect(isStoreUnavailable(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error("terminating"), { code: "57P01" }))).toBe(true);
    // What a server gets when every instance's pools together pass max_connections (seen under load in the bench).
    expect(isStoreUnavailable(Object.assign(new Error("sorry, too many clients already"), { code: "53300" }))).toBe(true);
    // A full disk, and a server that is a standby during a failover: the operator's to fix, not a fault of ours.
    expect(isStoreUnavailable(Object.assign(new Error("could not extend file: No space left on device"), { code: "53100" }))).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error("cannot execute INSERT in a read-only transaction"), { code: "25006" }))).toBe(true);
    expect(isStoreUnavailable(new Error("READONLY You can't write against a read only replica."))).toBe(true);
    expect(isStoreUnavailable(new Error("LOADING Redis is loading the dataset in memory"))).toBe(true);
    expect(isStoreUnavailable(new Error("OOM command not allowed when used memory > 'maxmemory'."))).toBe(true);
    // node-postgres's query_timeout: a database that stopped answering (tests/reliability/database-hang.test.ts).
    expect(isStoreUnavailable(new Error("Query read timeout"))).toBe(true);
  });

  it("leaves faults of our own alone", () => {
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isStoreUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
    expect(isStoreUnavailable(new Error("BUSYKEY Target key name already exists."))).toBe(false);
  });
});
