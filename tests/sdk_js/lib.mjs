// Shared by the SDK scenarios: the client pointed at the proxy under test, the mock's reply
// markers, and a tiny runner that reports each scenario and fails the process on the first
// broken expectation.
import OpenAI from 'openai';

export function client() {
    const baseURL = process.env.PROXY_BASE_URL;
    if (!baseURL || !baseURL.startsWith('http://127.0.0.1:')) {
        throw new Error('PROXY_BASE_URL must point at the proxy on 127.0.0.1');
    }
    // No retries: a retried request would hide what the proxy answered the first time.
    return new OpenAI({ baseURL, apiKey: 'sk-test', maxRetries: 0, timeout: 60000 });
}

// The mock answers with exactly `text` (tests/mock_anthropic/README.md, MOCK:reply64).
export function reply(text) {
    return 'MOCK:reply64=' + Buffer.from(text, 'utf8').toString('base64');
}

// With MOCK:tool_use=StructuredOutput: the tool's input is this JSON text.
export function toolInput(json) {
    return 'MOCK:tool-input64=' + Buffer.from(json, 'utf8').toString('base64');
}

export function toolCallBlock(name, args) {
    return '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';
}

export function expectEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) {
        throw new Error(`${what}: expected ${e}, got ${a}`);
    }
}

export function expect(condition, what) {
    if (!condition) {
        throw new Error(`expectation failed: ${what}`);
    }
}

// Runs each [name, async fn] in order; prints "ok <name>" or "FAIL <name>: why" and exits 1
// after the first failure (the later scenarios would only repeat it).
export async function run(scenarios) {
    for (const [name, scenario] of scenarios) {
        try {
            await scenario();
            console.log(`ok ${name}`);
        } catch (error) {
            console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
            process.exit(1);
        }
    }
    console.log(`all ${scenarios.length} scenarios passed`);
}
