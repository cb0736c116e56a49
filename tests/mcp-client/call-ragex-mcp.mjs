// Calls `ragex mcp` tools with the official MCP TypeScript SDK client and prints what they answered, for a test to judge.
// Usage: RAGEX_CLI=/path/to/ragex node call-ragex-mcp.mjs CALLS.json [WORKING_DIRECTORY]
// CALLS.json is an array of {"name": tool, "arguments": {...}}. A string argument "$cursor:N" is replaced by the
// next_cursor of the Nth answer (0-based; compact "next_cursor: ..." line or JSON "next_cursor" property), so a test can
// page in one session (a missing cursor makes that call's answer an error). Prints one JSON array of {"text", "isError"}, in the order of the calls. RAGEX_HOME and
// RAGEX_MODELS_DIR are passed through to the server. Exits 0 when every call was answered (errors included), 1 otherwise.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { readFileSync } from "node:fs";

const cli = process.env.RAGEX_CLI;
const [callsFile, workingDirectory] = process.argv.slice(2);

function nextCursorOf(text) {
  const line = text.split("\n").find((l) => l.startsWith("next_cursor: "));
  if (line) {
    return line.split(" ")[1];
  }
  try {
    return JSON.parse(text).next_cursor ?? undefined;
  } catch {
    return undefined;
  }
}

function resolve(args, answers) {
  return Object.fromEntries(Object.entries(args).map(([key, value]) => {
    const reference = typeof value === "string" ? /^\$cursor:(\d+)$/.exec(value) : null;
    if (!reference) {
      return [key, value];
    }
    const cursor = nextCursorOf(answers[Number(reference[1])]?.text ?? "");
    if (!cursor) {
      throw new Error(`answer ${reference[1]} has no next_cursor for ${key}: ${answers[Number(reference[1])]?.text}`);
    }
    return [key, cursor];
  }));
}

async function main() {
  if (!cli || !callsFile) {
    throw new Error("usage: RAGEX_CLI=/path/to/ragex node call-ragex-mcp.mjs CALLS.json [WORKING_DIRECTORY]");
  }
  const calls = JSON.parse(readFileSync(callsFile, "utf8"));
  const transport = new StdioClientTransport({
    command: cli,
    args: ["mcp"],
    cwd: workingDirectory ?? process.cwd(),
    env: { ...process.env },
    stderr: "inherit",
  });
  const client = new Client({ name: "ragex-mcp-call", version: "1.0.0" });
  const protocolErrors = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  const answers = [];
  try {
    for (const call of calls) {
      let args;
      try {
        args = resolve(call.arguments ?? {}, answers);
      } catch (error) {
        answers.push({ text: error.message, isError: true });
        continue;
      }
      const result = await client.callTool({ name: call.name, arguments: args });
      answers.push({ text: result.content?.[0]?.text ?? "", isError: result.isError === true });
    }
  } finally {
    await client.close();
  }
  if (protocolErrors.length > 0) {
    throw new Error(`protocol errors: ${protocolErrors.map(String).join("; ")}`);
  }
  process.stdout.write(JSON.stringify(answers) + "\n");
}

const timeout = setTimeout(() => {
  console.error("FAIL: timed out after 180 s");
  process.exit(1);
}, 180_000);
try {
  await main();
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timeout);
}
