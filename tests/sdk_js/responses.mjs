// The Responses API through the official SDK: create, stream (the SDK accumulates the events
// into its final response), function calls and their outputs, parse with zod, reasoning,
// errors.
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import OpenAI from 'openai';
import { client, expect, expectEqual, reply, run, toolCallBlock, toolInput } from './lib.mjs';

const openai = client();
const weatherTool = {
    type: 'function',
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: false,
};

await run([
    ['responses.create', async () => {
        const response = await openai.responses.create({
            model: 'sonnet',
            instructions: 'Be brief.',
            input: 'Hi ' + reply('Hello, Responses'),
        });
        expectEqual(response.object, 'response', 'object');
        expectEqual(response.status, 'completed', 'status');
        expectEqual(response.output_text, 'Hello, Responses', 'output_text');
        expect(response.usage.input_tokens > 0 && response.usage.output_tokens > 0, 'usage');
    }],
    ['responses.stream accumulates the events', async () => {
        const stream = openai.responses.stream({ model: 'sonnet', input: reply('streamed response text') });
        const types = new Set();
        let deltas = '';
        for await (const event of stream) {
            types.add(event.type);
            if (event.type === 'response.output_text.delta') deltas += event.delta;
        }
        const final = await stream.finalResponse();
        expectEqual(deltas, 'streamed response text', 'deltas');
        expectEqual(final.output_text, 'streamed response text', 'final output_text');
        expectEqual(final.status, 'completed', 'status');
        for (const type of ['response.created', 'response.in_progress', 'response.output_item.added',
            'response.content_part.added', 'response.output_text.done', 'response.completed']) {
            expect(types.has(type), `saw ${type}`);
        }
    }],
    ['responses.create with stream: true', async () => {
        const stream = await openai.responses.create({ model: 'sonnet', input: reply('raw events'), stream: true });
        let text = '';
        let last = null;
        let sequence = -1;
        for await (const event of stream) {
            expectEqual(event.sequence_number, sequence + 1, 'sequence_number');
            sequence = event.sequence_number;
            if (event.type === 'response.output_text.delta') text += event.delta;
            last = event;
        }
        expectEqual(text, 'raw events', 'text');
        expectEqual(last.type, 'response.completed', 'last event');
    }],
    ['function calls and their outputs', async () => {
        const input = [{ role: 'user', content: 'Weather in Oslo? ' + reply(toolCallBlock('get_weather', { city: 'Oslo' })) }];
        const first = await openai.responses.create({ model: 'sonnet', tools: [weatherTool], input });
        const calls = first.output.filter((item) => item.type === 'function_call');
        expectEqual(calls.length, 1, 'one function_call item');
        expectEqual(calls[0].name, 'get_weather', 'name');
        expectEqual(JSON.parse(calls[0].arguments), { city: 'Oslo' }, 'arguments');
        const next = [...input, ...first.output,
            { type: 'function_call_output', call_id: calls[0].call_id, output: 'Snow, -3 C' },
            { role: 'user', content: 'Thanks. MOCK:echo' }];
        const second = await openai.responses.create({ model: 'sonnet', tools: [weatherTool], input: next });
        expect(second.output_text.includes('Snow, -3 C'), 'the output reached the model');
    }],
    ['a streamed function call', async () => {
        const stream = openai.responses.stream({
            model: 'sonnet',
            tools: [weatherTool],
            input: 'Weather? ' + reply(toolCallBlock('get_weather', { city: 'Lima' })),
        });
        let argumentsDone = null;
        stream.on('response.function_call_arguments.done', (event) => { argumentsDone = event.arguments; });
        const final = await stream.finalResponse();
        const call = final.output.find((item) => item.type === 'function_call');
        expect(call, 'a function_call item in the final response');
        expectEqual(JSON.parse(call.arguments), { city: 'Lima' }, 'arguments');
        expectEqual(argumentsDone, call.arguments, 'arguments.done event');
    }],
    ['responses.parse with a zod schema', async () => {
        const City = z.object({ city: z.string(), country: z.string() });
        const response = await openai.responses.parse({
            model: 'sonnet',
            input: 'Capital of Peru? MOCK:tool_use=StructuredOutput ' + toolInput('{"city":"Lima","country":"Peru"}'),
            text: { format: zodTextFormat(City, 'city') },
        });
        expectEqual(response.output_parsed, { city: 'Lima', country: 'Peru' }, 'output_parsed');
    }],
    ['reasoning comes back as a reasoning item', async () => {
        const response = await openai.responses.create({
            model: 'sonnet',
            input: 'MOCK:thinking',
            reasoning: { effort: 'low', summary: 'auto' },
        });
        const reasoning = response.output.find((item) => item.type === 'reasoning');
        expect(reasoning && reasoning.summary[0].text.length > 0, 'a reasoning summary');
        expect(response.usage.output_tokens_details.reasoning_tokens > 0, 'reasoning tokens');
        expectEqual(response.output_text, 'Hello from mock', 'output_text');
    }],
    ['previous_response_id, retrieve and delete', async () => {
        const first = await openai.responses.create({ model: 'sonnet', input: 'Remember ' + reply('Noted: teal') });
        const second = await openai.responses.create({
            model: 'sonnet', previous_response_id: first.id, input: 'What colour? MOCK:echo',
        });
        expect(second.output_text.includes('Noted: teal'), 'the earlier turn reached the model');
        expectEqual(second.previous_response_id, first.id, 'previous_response_id echoed');
        const fetched = await openai.responses.retrieve(first.id);
        expectEqual(fetched.output_text, 'Noted: teal', 'retrieved output_text');
        const deleted = await openai.responses.delete(first.id);
        expect(deleted === undefined || deleted === null || deleted.deleted !== false, 'deleted');
        try {
            await openai.responses.retrieve(first.id);
            throw new Error('a deleted response was retrieved');
        } catch (error) {
            expect(error instanceof OpenAI.NotFoundError, `NotFoundError, got ${error}`);
        }
    }],
    ['what the proxy cannot do is a BadRequestError naming the field', async () => {
        try {
            await openai.responses.create({ model: 'sonnet', input: 'x', previous_response_id: 'resp_unknown' });
            throw new Error('an unknown previous_response_id was accepted');
        } catch (error) {
            expect(error instanceof OpenAI.BadRequestError, `BadRequestError, got ${error}`);
            expectEqual(error.param, 'previous_response_id', 'param');
            expectEqual(error.code, 'previous_response_not_found', 'code');
        }
        try {
            await openai.responses.create({ model: 'sonnet', input: 'x', tools: [{ type: 'web_search' }] });
            throw new Error('web_search was accepted');
        } catch (error) {
            expect(error instanceof OpenAI.BadRequestError, `BadRequestError, got ${error}`);
            expectEqual(error.param, 'tools[0].type', 'param');
        }
    }],
]);
