#include "common/refusal.hpp"

#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
    std::size_t pos = text.find(from);
    while (pos != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos = text.find(from, pos + to.size());
    }
}

bool isWordByte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           byte >= 0x80U;
}

// Expands the first "{…}" group of `pattern` and recurses on each alternative.
void expandInto(const std::string& pattern, std::vector<std::string>& out) {
    const std::size_t open = pattern.find('{');
    if (open == std::string::npos) {
        std::string phrase(trim(pattern));
        while (phrase.find("  ") != std::string::npos) {
            replaceAll(phrase, "  ", " ");
        }
        out.push_back(std::move(phrase));
        return;
    }
    const std::size_t close = pattern.find('}', open);
    const std::string head = pattern.substr(0, open);
    const std::string tail = pattern.substr(close + 1);
    const std::string group = pattern.substr(open + 1, close - open - 1);
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = group.find('|', start);
        const std::string alternative =
            group.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        expandInto(head + alternative + tail, out);
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
}

}  // namespace

std::string normalizeForMatching(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // U+2018, U+2019 and U+2032 (E2 80 98 / E2 80 99 / E2 80 B2), U+02BC (CA BC).
        if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
            (text[i + 2] == '\x98' || text[i + 2] == '\x99' || text[i + 2] == '\xb2')) {
            out.push_back('\'');
            i += 2;
        } else if (c == '\xca' && i + 1 < text.size() && text[i + 1] == '\xbc') {
            out.push_back('\'');
            i += 1;
        } else if (c == '*' || c == '_') {
            continue;
        } else if (isSpace(c)) {
            space = true;
            continue;
        } else {
            if (space && !out.empty()) {
                out.push_back(' ');
            }
            out.push_back(toLowerAscii(c));
        }
        space = false;
    }
    replaceAll(out, "can't", "cannot");
    replaceAll(out, "can not", "cannot");
    replaceAll(out, "won't", "will not");
    replaceAll(out, "n't", " not");
    replaceAll(out, "i'm", "i am");
    replaceAll(out, "i've", "i have");
    return out;
}

std::vector<std::string> expandPhrases(std::initializer_list<std::string_view> templates) {
    std::vector<std::string> out;
    for (const auto pattern : templates) {
        expandInto(std::string(pattern), out);
    }
    return out;
}

bool containsPhrase(std::string_view normalizedText, const std::vector<std::string>& phrases) {
    for (const auto& phrase : phrases) {
        for (std::size_t pos = normalizedText.find(phrase); pos != std::string_view::npos;
             pos = normalizedText.find(phrase, pos + 1)) {
            const std::size_t end = pos + phrase.size();
            const bool startsWord =
                pos == 0 || !isWordByte(normalizedText[pos - 1]) || !isWordByte(phrase.front());
            const bool endsWord = end == normalizedText.size() ||
                                  !isWordByte(normalizedText[end]) || !isWordByte(phrase.back());
            if (startsWord && endsWord) {
                return true;
            }
        }
    }
    return false;
}

const std::vector<std::string>& genericRefusalPhrases() {
    static const std::vector<std::string> phrases = expandPhrases({
        // "I don't have access to tools / the internet / real-time data"
        "i {do not|no longer|currently do not} have {access to|the ability to use|the ability "
        "to call|the ability to access} {|any |the |external |these |those }{tools|tool|"
        "functions|function calling|the internet|internet|real-time|realtime|live data|the web|"
        "web|external}",
        "i {do not|currently do not} have {any |}{tools|functions|internet access|web access|"
        "browsing capabilities|browsing capability|real-time access|real-time data|real-time "
        "information} ",
        "i have no {access to|} {tools|functions|internet access|internet|web access|real-time}",
        // "I can't call functions / use tools / browse / execute code"
        "i {cannot|am unable to|am not able to|am not capable of|do not have the ability to} "
        "{call|use|invoke|execute|run|access|browse|search|perform|make} {|any |the |external |"
        "these |those |such |real }{tools|tool|functions|function calls|function|the internet|"
        "internet|the web|web|real-time|live|code|commands|tool calls|api calls|searches|web "
        "searches}",
        "i {cannot|am unable to|am not able to} {browse|search the web|search online|go online|"
        "look things up online|look up live|look up current|look up real-time|check real-time|"
        "check live|check current}",
        "{unable|not able} to access {real-time|realtime|live|current|up-to-date} {data|"
        "information|weather|prices|results}",
        "{cannot|do not} {access|provide|retrieve|fetch|get} {real-time|realtime|live|up-to-date} "
        "{data|information|weather|prices|results|updates}",
        "do not have {real-time|realtime|live|up-to-date|current} {data|information|access}",
        // "As an AI, I can't execute …"
        "as an {ai|ai language model|ai assistant|language model|llm|assistant}{,|} i {cannot|am "
        "unable|am not able|do not have|do not|have no|lack}",
        "i do not have the ability to",
        "i do not have the capability to",
        "i lack the ability to",
        // "No tools are available"
        "no tools {are |}{available|at my disposal|accessible}",
        "{there are|i have} no tools",
        "do not have {any |}tools {available|at my disposal}",
        "without access to {tools|the internet|real-time}",
        "not {equipped|connected} {with|to} {tools|the internet|any tools|external tools}",
        "{tools|function calling|tool use} {is|are} not {available|enabled|supported}",
    });
    return phrases;
}

}  // namespace claude_proxy::plugins
