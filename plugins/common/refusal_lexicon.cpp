#include "common/refusal_lexicon.hpp"

#include <string>
#include <unordered_map>
#include <utility>

namespace claude_proxy::plugins::refusal_words {
namespace {

struct Entry {
    std::string_view words;  // space-separated
    std::uint32_t classes;
};

// Kept in normalized form: lower case, contractions spelled out. Plurals and -ing forms are
// derived on lookup and need not be listed unless they mean something else.
constexpr Entry kEntries[] = {
    {"really actually currently unfortunately simply just also still personally honestly "
     "genuinely truly sadly presently directly physically reliably yet even literally "
     "independently myself now always technically necessarily quite fully effectively properly "
     "easily actively natively realistically right here",
     kFiller},
    {"am is are was were do does did will would could can should shall may might must have has "
     "had be been being",
     kAuxiliary},
    {"access browse search lookup check run execute call invoke fetch retrieve query download "
     "visit connect surf scrape crawl ping google reach navigate load pull schedule book send "
     "install monitor track upload post",
     kStrongVerb},
    {"use get see view provide give tell write create edit modify delete perform do "
     "interact show confirm verify test compile share save "
     "obtain grab list take handle process receive read open add put file apply "
     "manage convert calculate help answer display order pay look go work deal generate "
     "retrieve set",
     kNeutralVerb},
    {"find locate spot", kFindVerb},
    {"recommend stress emphasize emphasise overstate understate wait guarantee promise agree "
     "disagree decide choose imagine believe thank express blame condone endorse feel stand say "
     "speak judge predict diagnose prescribe remember recall be pretend complain comment "
     "speculate vouch think taste smell hear touch attend eat drink sleep travel fly love hate "
     "like resist deny argue understand reproduce stop thank wrap overemphasize",
     kUnrelatedVerb},
    {"tool tools tooling internet web online browser browsing website websites webpage webpages "
     "real-time realtime live up-to-date plugin plugins integration integrations terminal shell "
     "network connectivity searches lookups interpreter clock search-engine",
     kCapability},
    {"function functions code script scripts program programs command commands url urls link "
     "links api apis snippet",
     kArtifact},
    {"run execute execution call calls calling invoke interpreter runner runtime executor "
     "available access use fetch open browse load visit",
     kExecution},
    {"the your that this these those", kDefinite},
    {"external third-party outside", kExternal},
    {"current latest today's today recent real up-to-date", kTimely},
    {"data information info news prices price events updates results scores rates weather "
     "forecast conditions quotes quote headlines figures statistics stats feed feeds status "
     "statuses temperature market reviews time",
     kData},
    {"access ability abilities capability capabilities capacity means permission permissions "
     "way connection functionality authorization privileges rights clearance",
     kAbstract},
    {"calendar email emails inbox account accounts computer device devices phone screen camera "
     "microphone location contacts photos pictures images image files file folder folders "
     "directory directories documents document attachments attachment repository repositories "
     "repo codebase workspace database databases system systems server servers machine desktop "
     "drive clipboard history bank passwords password notes spreadsheet dataset datasets paid "
     "private personal environment",
     kPrivate},
    {"opinion opinions feelings feeling emotions emotion preference preferences favorite "
     "favourite experiences experience body beliefs consciousness memories taste senses hands "
     "eyes idea doubt clue problem problems mistakes mistake",
     kPersonal},
    {"enough sufficient", kInsufficient},
    {"sorry apologize apologise apologies apology unfortunately afraid regret regrettably sadly "
     "alas wish",
     kApology},
    {"harmful illegal unethical malware dangerous weapon weapons violence explicit inappropriate "
     "guidelines policy policies advice unsafe hack hacking malicious copyrighted",
     kPolicy},
    {"but however although though whereas instead except", kClauseBreak},
    {"if when whenever unless whether once suppose", kHypothetical},
    {"paste upload copy yourself manually attach", kWorkaround},
    {"have has possess own retain got hold", kHaveVerb},
    {"equipped connected set configured hooked integrated linked plugged wired enabled given "
     "granted provided designed built programmed",
     kStateWord},
    {"permitted allowed authorized authorised cleared", kPermission},
    {"think believe suppose expect", kTransfer},
    {"that this it so", kRequestRef},
};

// Words ending in "s" that are no plurals (the endings -ss, -us, -is are handled by rule).
constexpr std::string_view kNotPlural[] = {"news",    "means",  "series", "species",   "always",
                                           "perhaps", "thanks", "does",   "sometimes", "whereas",
                                           "yes",     "has",    "was",    "its",       "perhaps"};

using Table = std::unordered_map<std::string_view, std::uint32_t>;

Table buildTable() {
    Table table;
    for (const Entry& entry : kEntries) {
        std::size_t pos = 0;
        while (pos < entry.words.size()) {
            std::size_t end = entry.words.find(' ', pos);
            if (end == std::string_view::npos) {
                end = entry.words.size();
            }
            if (end > pos) {
                table[entry.words.substr(pos, end - pos)] |= entry.classes;
            }
            pos = end + 1;
        }
    }
    return table;
}

const Table& table() {
    static const Table built = buildTable();
    return built;
}

std::uint32_t lookUp(std::string_view word) {
    const auto found = table().find(word);
    return found == table().end() ? 0U : found->second;
}

// The stem of an -ing form, tried as written, with a final "e" (browsing -> browse) and with a
// doubled consonant undone (running -> run).
std::uint32_t ingClasses(std::string_view word) {
    if (word.size() < 6 || word.substr(word.size() - 3) != "ing") {
        return 0;
    }
    const std::string_view stem = word.substr(0, word.size() - 3);
    if (const std::uint32_t classes = lookUp(stem); classes != 0) {
        return classes;
    }
    if (const std::uint32_t classes = lookUp(std::string(stem) + "e"); classes != 0) {
        return classes;
    }
    if (stem.size() >= 3 && stem[stem.size() - 1] == stem[stem.size() - 2]) {
        return lookUp(stem.substr(0, stem.size() - 1));
    }
    return 0;
}

}  // namespace

std::string singular(std::string_view word) {
    if (word.size() <= 3 || word.back() != 's') {
        return std::string(word);
    }
    const char before = word[word.size() - 2];
    if (before == 's' || before == 'u' || before == 'i' || before == '\'') {
        return std::string(word);  // access, status, analysis
    }
    for (const std::string_view notPlural : kNotPlural) {
        if (word == notPlural) {
            return std::string(word);
        }
    }
    if (word.size() > 4 && word.substr(word.size() - 3) == "ies") {
        return std::string(word.substr(0, word.size() - 3)) + "y";
    }
    return std::string(word.substr(0, word.size() - 1));
}

std::uint32_t wordClasses(std::string_view word) {
    if (const std::uint32_t classes = lookUp(word); classes != 0) {
        return classes;
    }
    if (const std::string one = singular(word); one != word) {
        if (const std::uint32_t classes = lookUp(one); classes != 0) {
            return classes;
        }
    }
    // Only verbs take -ing; "checking the weather" names the capability the way "check" does.
    return ingClasses(word) &
           (kStrongVerb | kNeutralVerb | kFindVerb | kUnrelatedVerb | kExecution);
}

}  // namespace claude_proxy::plugins::refusal_words
