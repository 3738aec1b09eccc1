// Chat completions through the official SDK: create, stream, tools, parse with zod, errors,
// models.
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import OpenAI from 'openai';
import { client, expect, expectEqual, reply, run, toolCallBlock, toolInput } from './lib.mjs';

const openai = client();
const weatherTool = {
    type: 'function',
    function: {
        name: 'get_weather',
        description: 'The weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
};

await run([
    ['chat.completions.create', async () => {
        const completion = await openai.chat.completions.create({
            model: 'sonnet',
            messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi ' + reply('Hello, SDK') }],
        });
        expectEqual(completion.object, 'chat.completion', 'object');
        expectEqual(completion.choices[0].message.content, 'Hello, SDK', 'content');
        expectEqual(completion.choices[0].finish_reason, 'stop', 'finish_reason');
        expect(completion.usage.prompt_tokens > 0, 'prompt tokens counted');
    }],
    ['chat.completions.create with stream and include_usage', async () => {
        const stream = await openai.chat.completions.create({
            model: 'sonnet',
            stream: true,
            stream_options: { include_usage: true },
            messages: [{ role: 'user', content: reply('streamed through the SDK') }],
        });
        let text = '';
        let chunks = 0;
        let usage = null;
        let finish = null;
        for await (const chunk of stream) {
            chunks += 1;
            if (chunk.usage) usage = chunk.usage;
            for (const choice of chunk.choices) {
                text += choice.delta.content ?? '';
                finish = choice.finish_reason ?? finish;
            }
        }
        expectEqual(text, 'streamed through the SDK', 'streamed text');
        expectEqual(finish, 'stop', 'finish_reason');
        expect(chunks > 3, 'more than a few chunks');
        expect(usage && usage.completion_tokens > 0, 'usage chunk');
    }],
    ['chat.completions.stream helper with a tool call', async () => {
        const runner = openai.chat.completions.stream({
            model: 'sonnet',
            tools: [weatherTool],
            messages: [{ role: 'user', content: 'Weather in Oslo? ' + reply(toolCallBlock('get_weather', { city: 'Oslo' })) }],
        });
        const final = await runner.finalChatCompletion();
        const call = final.choices[0].message.tool_calls[0];
        expectEqual(call.function.name, 'get_weather', 'tool name');
        expectEqual(JSON.parse(call.function.arguments), { city: 'Oslo' }, 'arguments');
        expectEqual(final.choices[0].finish_reason, 'tool_calls', 'finish_reason');
    }],
    ['chat.completions.create with tools, then the tool result', async () => {
        const messages = [{ role: 'user', content: 'Weather in Rome? ' + reply(toolCallBlock('get_weather', { city: 'Rome' })) }];
        const first = await openai.chat.completions.create({ model: 'sonnet', tools: [weatherTool], messages });
        const message = first.choices[0].message;
        expectEqual(message.tool_calls.length, 1, 'one call');
        expectEqual(JSON.parse(message.tool_calls[0].function.arguments), { city: 'Rome' }, 'arguments');
        messages.push(message);
        messages.push({ role: 'tool', tool_call_id: message.tool_calls[0].id, content: 'Sunny, 24 C' });
        messages.push({ role: 'user', content: 'Thanks. MOCK:echo' });
        const second = await openai.chat.completions.create({ model: 'sonnet', tools: [weatherTool], messages });
        expect(second.choices[0].message.content.includes('Sunny, 24 C'), 'the tool result reached the model');
    }],
    ['chat.completions.parse with a zod schema', async () => {
        const Person = z.object({ name: z.string(), age: z.number().int() });
        const completion = await openai.chat.completions.parse({
            model: 'sonnet',
            messages: [{ role: 'user', content: 'Who? MOCK:tool_use=StructuredOutput ' + toolInput('{"name":"Ada","age":36}') }],
            response_format: zodResponseFormat(Person, 'person'),
        });
        expectEqual(completion.choices[0].message.parsed, { name: 'Ada', age: 36 }, 'parsed');
    }],
    ['errors are the SDK error classes, with param and code', async () => {
        try {
            await openai.chat.completions.create({ model: 'sonnet', messages: [], });
            throw new Error('an empty messages array was accepted');
        } catch (error) {
            expect(error instanceof OpenAI.BadRequestError, `BadRequestError, got ${error}`);
            expectEqual(error.status, 400, 'status');
            expectEqual(error.param, 'messages', 'param');
            expectEqual(error.code, 'empty_array', 'code');
        }
        try {
            await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
            throw new Error('an unknown model was accepted');
        } catch (error) {
            expect(error instanceof OpenAI.NotFoundError, `NotFoundError, got ${error}`);
            expectEqual(error.code, 'model_not_found', 'code');
        }
    }],
    ['models.list and models.retrieve', async () => {
        const ids = [];
        for await (const model of openai.models.list()) ids.push(model.id);
        expect(ids.includes('sonnet'), `sonnet listed in ${ids}`);
        const model = await openai.models.retrieve('sonnet');
        expectEqual(model.id, 'sonnet', 'retrieved id');
    }],
]);
