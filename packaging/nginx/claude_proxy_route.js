// The routing key of a request for several claude-proxy instances behind nginx: the same
// conversation must reach the same instance, whose CLI process holds its history.
//
// The key is the X-Conversation-Id header when the client sends one (claude-proxy returns it
// on every chat answer), else the same value computed from the body: the SHA-256, in hex, of
// the first message that is not a system or developer message (text parts joined by "\n").
// A conversation's first message never changes, so every turn gets the same key.

function contentText(content) {
    if (typeof content === 'string') {
        return content;
    }
    if (!Array.isArray(content)) {
        return '';
    }
    var texts = [];
    for (var i = 0; i < content.length; i++) {
        var part = content[i];
        if (part && typeof part.text === 'string') {
            texts.push(part.text);
        }
    }
    return texts.join('\n');
}

function key(r) {
    var header = r.headersIn['X-Conversation-Id'];
    if (header) {
        return header;
    }
    var body = r.requestText;
    if (!body) {
        return '';
    }
    try {
        var messages = JSON.parse(body).messages;
        if (!Array.isArray(messages)) {
            return '';
        }
        for (var i = 0; i < messages.length; i++) {
            var message = messages[i];
            if (message && message.role !== 'system' && message.role !== 'developer') {
                return require('crypto').createHash('sha256')
                    .update(contentText(message.content)).digest('hex');
            }
        }
    } catch (e) {
        // Not JSON: any instance answers it (with its 400).
    }
    return '';
}

export default {key};
