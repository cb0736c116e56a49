// Drives `ragex mcp` with the official MCP TypeScript SDK client, as an assistant would: lists the tools, indexes a
// tiny temporary tree, searches it (compact and JSON answers, pages through cursors), reads definitions, finds
// references, and checks that a path outside every indexed project and a bad cursor are refused.
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
const SETTINGS = 30;

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
  writeFileSync(join(tree, "client.py"), [
    "from http_client import RetryPolicy, parse_response_body",
    "",
    "",
    "def fetch(session, url):",
    "    policy = RetryPolicy()",
    "    for attempt in range(3):",
    "        response = session.get(url)",
    "        if response.ok:",
    "            return parse_response_body(response.content)",
    "        time.sleep(policy.backoff_seconds(attempt))",
    "",
  ].join("\n"));
  writeFileSync(join(tree, "settings.py"),
    Array.from({ length: SETTINGS }, (_, i) => `SETTING_${String(i + 1).padStart(2, "0")} = ${i + 1}`).join("\n") + "\n");
  writeFileSync(join(outside, "elsewhere.py"), "def parse_response_body():\n    pass\n");
}

/** Calls a tool and returns its text result, failing on isError. */
async function callText(client, name, args, options) {
  const result = await client.callTool({ name, arguments: args }, undefined, options);
  const text = result.content?.[0]?.text ?? "";
  check(!result.isError, `${name} ${JSON.stringify(args)} failed: ${text}`);
  return text;
}

/** Calls a tool and returns its parsed JSON result, failing on isError. */
async function callJson(client, name, args, options) {
  return JSON.parse(await callText(client, name, args, options));
}

/** The hit lines of a compact answer: everything but the header, notes and the next_cursor line. */
function hitLines(text) {
  return text.split("\n").filter((l) => l && !l.startsWith("# ") && !l.startsWith("note: ") && !l.startsWith("next_cursor: "));
}

function nextCursor(text) {
  return text.split("\n").find((l) => l.startsWith("next_cursor: "))?.split(" ")[1];
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
  const expected = ["find_references", "find_symbol", "index_project", "index_status", "list_projects", "read_code", "search_code"];
  check(JSON.stringify(tools) === JSON.stringify(expected), `tools: ${tools.join(", ")}`);

  let progressNotes = 0;
  const indexed = await callJson(client, "index_project", { path: tree }, { onprogress: () => progressNotes++ });
  check(indexed.root === tree, `index_project root ${indexed.root}, expected ${tree}`);
  check(indexed.files === 4, `index_project files ${indexed.files}, expected 4`);
  check(indexed.chunks >= 3 && indexed.static_chunks === indexed.chunks, `index_project chunks ${JSON.stringify(indexed)}`);

  const regex = await callJson(client, "search_code", { query: "json\\.loads", mode: "regex", format: "json" });
  check(regex.mode === "regex", `search_code mode ${regex.mode}`);
  const line = regex.hits[0];
  check(line?.file === join(tree, "http_client.py") && line.start_line === 6 && line.preview.includes("json.loads"),
    `regex hit ${JSON.stringify(line)}`);

  // A relative path resolves against the server's working directory (the tree, as an assistant's workspace would be).
  const semantic = await callJson(client, "search_code", {
    query: "replace a file without readers seeing it half written", mode: "semantic", path: ".", limit: 3, format: "json",
  });
  check(semantic.hits.length > 0 && semantic.hits.length <= 3, `semantic hits ${semantic.hits.length}`);
  const chunk = semantic.hits[0];
  check(chunk.file === join(tree, "storage.py") && chunk.symbol === "write_file_atomically"
    && chunk.start_line === 4 && chunk.end_line === 9 && chunk.score > 0, `semantic top hit ${JSON.stringify(chunk)}`);

  const symbol = await callJson(client, "find_symbol", { name: "RetryPolicy", kind: "class", format: "json" });
  const definition = symbol.hits[0];
  check(symbol.mode === "symbol" && definition?.symbol === "RetryPolicy" && definition.kind === "class"
    && definition.file === join(tree, "http_client.py") && definition.start_line === 9 && definition.end_line === 13,
    `find_symbol hit ${JSON.stringify(definition)}`);
  const method = await callJson(client, "find_symbol", { name: "backoff_seconds", path: join(tree, "http_client.py"), format: "json" });
  check(method.hits[0]?.start_line === 12, `find_symbol backoff_seconds ${JSON.stringify(method.hits[0])}`);

  await checkCompactAndPages(client);
  await checkReadCode(client);
  await checkReferences(client);

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

/** Compact is the default; pages through cursors are the big ranking cut in pieces; bad cursors are refused. */
async function checkCompactAndPages(client) {
  const compact = await callText(client, "search_code", { query: "json\\.loads", mode: "regex" });
  const [header, ...lines] = compact.trimEnd().split("\n");
  check(header.startsWith("# search_code · mode regex (requested) · root " + tree), `compact header: ${header}`);
  check(lines.length === 1 && lines[0] === "http_client.py:6: return json.loads(raw.decode(\"utf-8\"))", `compact hits: ${lines.join(" | ")}`);

  const search = { query: "SETTING_\\d+", mode: "regex", format: "json" };
  const big = await callJson(client, "search_code", { ...search, limit: 20, max_tokens: 20000 });
  check(big.hits.length === 20 && big.next_cursor, `big page: ${big.hits.length} hits, cursor ${big.next_cursor}`);
  const first = await callJson(client, "search_code", { ...search, limit: 10 });
  check(first.hits.length === 10 && first.truncated && first.next_cursor, `page 1: ${first.hits.length} hits, cursor ${first.next_cursor}`);
  const second = await callJson(client, "search_code", { ...search, limit: 10, cursor: first.next_cursor });
  const key = (h) => `${h.file}:${h.start_line}`;
  const paged = [...first.hits, ...second.hits].map(key);
  check(JSON.stringify(paged) === JSON.stringify(big.hits.map(key)), `pages 1+2 ${paged.join(",")} differ from the first 20 ${big.hits.map(key).join(",")}`);
  check(new Set(paged).size === 20, `pages repeat hits: ${paged.join(",")}`);

  // A small budget: every page is short, and walking the cursors yields each hit once, in order.
  const walked = [];
  let cursor;
  let pages = 0;
  do {
    const text = await callText(client, "search_code", { query: "SETTING_\\d+", mode: "regex", max_tokens: 100, limit: 200, ...(cursor ? { cursor } : {}) });
    walked.push(...hitLines(text));
    cursor = nextCursor(text);
    pages++;
  } while (cursor && pages < 40);
  const expected = Array.from({ length: SETTINGS }, (_, i) => `settings.py:${i + 1}: SETTING_${String(i + 1).padStart(2, "0")} = ${i + 1}`);
  check(pages > 1 && JSON.stringify(walked) === JSON.stringify(expected), `${pages} pages of 100 tokens gave ${walked.join(" | ")}`);

  await expectToolError(client, "search_code", { ...search, cursor: "not-a-cursor" }, "invalid cursor");
  await expectToolError(client, "search_code", { ...search, query: "SETTING_0\\d", cursor: first.next_cursor }, "belongs to another query");
  await expectToolError(client, "search_code", { ...search, max_tokens: 10 }, "max_tokens");
}

/** read_code returns the innermost whole definition around a line, or a named one, numbered. */
async function checkReadCode(client) {
  const method = await callText(client, "read_code", { file: "http_client.py", line: 13 });
  check(method.startsWith("# http_client.py:12-13 [member backoff_seconds]")
    && method.includes("\n12|     def backoff_seconds(self, attempt):\n13|         return min(60, 2 ** attempt)\n"), `read_code line 13: ${method}`);
  const cls = await callText(client, "read_code", { file: join(tree, "http_client.py"), line: 10 });
  const numbered = cls.split("\n").filter((l) => /^\s*\d+\| /.test(l)).map((l) => Number(l.split("|")[0]));
  check(cls.startsWith("# http_client.py:9-13 [class RetryPolicy]") && JSON.stringify(numbered) === "[9,10,11,12,13]", `read_code line 10: ${cls}`);
  const named = await callText(client, "read_code", { symbol: "write_file_atomically" });
  check(named.startsWith("# storage.py:4-9 [function write_file_atomically]") && named.includes("\n9|     os.replace(temporary, path)\n"), `read_code symbol: ${named}`);
  await expectToolError(client, "read_code", { file: join(outside, "elsewhere.py"), line: 1 }, "outside every indexed project");
}

/** find_references lists uses grouped by file and leaves the definitions out. */
async function checkReferences(client) {
  const compact = await callText(client, "find_references", { name: "RetryPolicy" });
  check(JSON.stringify(hitLines(compact)) === JSON.stringify([
    "client.py:", "  1: from http_client import RetryPolicy, parse_response_body", "  5: policy = RetryPolicy()",
  ]), `find_references RetryPolicy: ${compact}`);
  const json = await callJson(client, "find_references", { name: "parse_response_body", format: "json" });
  const uses = json.hits.map((h) => `${h.file}:${h.start_line}`);
  check(JSON.stringify(uses) === JSON.stringify([`${join(tree, "client.py")}:1`, `${join(tree, "client.py")}:9`]), `find_references parse_response_body: ${uses.join(", ")}`);
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
