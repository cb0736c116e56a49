// Drives `ragex mcp` with the official MCP TypeScript SDK client, as an assistant would: lists the tools, indexes a
// tiny temporary tree, searches it, and checks that a path outside every indexed project is refused.
// Usage: RAGEX_CLI=/path/to/ragex node drive-ragex-mcp.mjs [--no-daemon]
// RAGEX_HOME and RAGEX_MODELS_DIR are passed through to the server. Exits 0 when every check passes, 1 otherwise.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = process.env.RAGEX_CLI;
const noDaemon = process.argv.includes("--no-daemon");
const tree = realpathSync(mkdtempSync(join(tmpdir(), "ragex-mcp-tree-")));
const outside = realpathSync(mkdtempSync(join(tmpdir(), "ragex-mcp-outside-")));
const protocolErrors = [];

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function writeTree() {
  writeFileSync(join(tree, "http_client.py"), [
    "import json",
    "",
    "",
    "def parse_response_body(raw):",
    "    '''Decode the JSON body of an HTTP response into a dictionary.'''",
    "    return json.loads(raw.decode(\"utf-8\"))",
    "",
    "",
    "class RetryPolicy:",
    "    '''Decide how long to wait before retrying a failed request.'''",
    "",
    "    def backoff_seconds(self, attempt):",
    "        return min(60, 2 ** attempt)",
    "",
  ].join("\n"));
  writeFileSync(join(tree, "storage.py"), [
    "import os",
    "",
    "",
    "def write_file_atomically(path, data):",
    "    '''Write to a temporary file, then rename it over the target so readers never see half a file.'''",
    "    temporary = path + \".tmp\"",
    "    with open(temporary, \"wb\") as handle:",
    "        handle.write(data)",
    "    os.replace(temporary, path)",
    "",
  ].join("\n"));
  writeFileSync(join(outside, "elsewhere.py"), "def parse_response_body():\n    pass\n");
}

/** Calls a tool and returns its parsed JSON result, failing on isError. */
async function callJson(client, name, args, options) {
  const result = await client.callTool({ name, arguments: args }, undefined, options);
  const text = result.content?.[0]?.text ?? "";
  check(!result.isError, `${name} ${JSON.stringify(args)} failed: ${text}`);
  return JSON.parse(text);
}

async function expectToolError(client, name, args, fragment) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content?.[0]?.text ?? "";
  check(result.isError === true, `${name} ${JSON.stringify(args)} should be refused, got: ${text.slice(0, 300)}`);
  check(text.includes(fragment), `${name} error should mention "${fragment}": ${text}`);
  check(!text.includes("\n"), `${name} error should be one line: ${text}`);
  return text;
}

async function run(client) {
  const tools = (await client.listTools()).tools.map((t) => t.name).sort();
  const expected = ["find_symbol", "index_project", "index_status", "list_projects", "search_code"];
  check(JSON.stringify(tools) === JSON.stringify(expected), `tools: ${tools.join(", ")}`);

  let progressNotes = 0;
  const indexed = await callJson(client, "index_project", { path: tree }, { onprogress: () => progressNotes++ });
  check(indexed.root === tree, `index_project root ${indexed.root}, expected ${tree}`);
  check(indexed.files === 2, `index_project files ${indexed.files}, expected 2`);
  check(indexed.chunks >= 3 && indexed.static_chunks === indexed.chunks, `index_project chunks ${JSON.stringify(indexed)}`);

  const regex = await callJson(client, "search_code", { query: "json\\.loads", mode: "regex" });
  check(regex.mode === "regex", `search_code mode ${regex.mode}`);
  const line = regex.hits[0];
  check(line?.file === join(tree, "http_client.py") && line.start_line === 6 && line.preview.includes("json.loads"),
    `regex hit ${JSON.stringify(line)}`);

  // A relative path resolves against the server's working directory (the tree, as an assistant's workspace would be).
  const semantic = await callJson(client, "search_code", {
    query: "replace a file without readers seeing it half written", mode: "semantic", path: ".", limit: 3,
  });
  check(semantic.hits.length > 0 && semantic.hits.length <= 3, `semantic hits ${semantic.hits.length}`);
  const chunk = semantic.hits[0];
  check(chunk.file === join(tree, "storage.py") && chunk.symbol === "write_file_atomically"
    && chunk.start_line === 4 && chunk.end_line === 9 && chunk.score > 0, `semantic top hit ${JSON.stringify(chunk)}`);

  const symbol = await callJson(client, "find_symbol", { name: "RetryPolicy", kind: "class" });
  const definition = symbol.hits[0];
  check(symbol.mode === "symbol" && definition?.symbol === "RetryPolicy" && definition.kind === "class"
    && definition.file === join(tree, "http_client.py") && definition.start_line === 9 && definition.end_line === 13,
    `find_symbol hit ${JSON.stringify(definition)}`);
  const method = await callJson(client, "find_symbol", { name: "backoff_seconds", path: join(tree, "http_client.py") });
  check(method.hits[0]?.start_line === 12, `find_symbol backoff_seconds ${JSON.stringify(method.hits[0])}`);

  await expectToolError(client, "search_code", { query: "parse_response_body", path: outside }, "outside every indexed project");
  await expectToolError(client, "find_symbol", { name: "parse_response_body", path: join(outside, "elsewhere.py") }, "outside every indexed project");
  await expectToolError(client, "search_code", { query: "x", path: join(tree, "missing") }, "no such file or directory");

  const listed = await callJson(client, "list_projects", {});
  check(listed.projects.length === 1 && listed.projects[0].root === tree, `list_projects ${JSON.stringify(listed)}`);

  if (noDaemon) {
    await expectToolError(client, "index_status", {}, "--no-daemon");
  } else {
    const status = await callJson(client, "index_status", {});
    check(status.process_id > 0 && status.working_set_bytes > 0, `index_status ${JSON.stringify(status)}`);
    check(status.projects.length === 1 && status.projects[0].root === tree, `index_status projects ${JSON.stringify(status.projects)}`);
  }

  console.log(`ok: ${tools.length} tools, ${indexed.chunks} chunks indexed, ${progressNotes} progress notifications`);
}

async function main() {
  check(cli, "set RAGEX_CLI to the path of the ragex executable");
  writeTree();
  const transport = new StdioClientTransport({
    command: cli,
    args: [...(noDaemon ? ["--no-daemon"] : []), "mcp"],
    cwd: tree,
    env: { ...process.env },
    stderr: "inherit",
  });
  const client = new Client({ name: "ragex-mcp-test", version: "1.0.0" });
  // Anything but protocol messages on the server's stdout surfaces here as a parse error.
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  try {
    await run(client);
    check(protocolErrors.length === 0, `protocol errors: ${protocolErrors.map(String).join("; ")}`);
  } finally {
    await client.close();
  }
}

const timeout = setTimeout(() => {
  console.error("FAIL: timed out after 180 s");
  process.exit(1);
}, 180_000);
try {
  await main();
  clearTimeout(timeout);
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timeout);
  rmSync(tree, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
}
