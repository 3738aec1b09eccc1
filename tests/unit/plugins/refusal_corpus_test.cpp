#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "evonic/evonic_handler.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "refusal_corpus.hpp"
#include "refusal_corpus_answers.hpp"
#include "refusal_corpus_refusals.hpp"

namespace claude_proxy::plugins::test {
namespace {

// What the detector got wrong on one side of the corpus.
struct CorpusErrors {
    std::size_t total = 0;
    std::vector<std::string> wrong;
};

// Runs every reply through the handler its tool set belongs to, under tool_choice auto and
// with no tool result before it (the only case where the handler has to judge the text), and
// collects the replies whose verdict differs from `expectRefusal`.
CorpusErrors runCorpus(const std::vector<CorpusReply>& replies, bool expectRefusal) {
    const GenericHandler generic;
    const EvonicHandler evonic;
    CorpusErrors errors;
    for (const CorpusReply& reply : replies) {
        const RequestFixture fixture(corpusToolSpecs(reply.tools));
        const GenericHandler& handler =
            corpusUsesEvonic(reply.tools) ? static_cast<const GenericHandler&>(evonic) : generic;
        const bool judged = handler.checkRefusal(fixture.request(), reply.text, false).isRefusal;
        ++errors.total;
        if (judged != expectRefusal) {
            errors.wrong.emplace_back(reply.text);
        }
    }
    return errors;
}

std::string listed(const std::vector<std::string>& replies) {
    std::string out;
    for (const auto& reply : replies) {
        out += "\n  - " + reply;
    }
    return out;
}

// The bars the detector must clear on this corpus. Measured when it was written: no misses and
// no false alarms (the phrase list it replaced: 166 misses, 4 false alarms).
// The corpus was also the tuning set, so the bars leave room: on the two batches written after
// the detector, before any change for them, it missed 4 of 60 refusals and raised no alarm in
// 60 answers.
constexpr std::size_t kMaxMisses = 5;       // about 2 % of the refusals
constexpr std::size_t kMaxFalseAlarms = 3;  // about 1 % of the answers

}  // namespace

TEST_CASE("refusal corpus: the sides are big enough to measure") {
    CHECK(corpusRefusals().size() >= 150);
    CHECK(corpusAnswers().size() >= 150);
}

TEST_CASE("refusal corpus: misses and false alarms stay under their bars") {
    const CorpusErrors misses = runCorpus(corpusRefusals(), true);
    const CorpusErrors falseAlarms = runCorpus(corpusAnswers(), false);
    MESSAGE("refusal corpus: " << misses.wrong.size() << " of " << misses.total
                               << " refusals missed, " << falseAlarms.wrong.size() << " of "
                               << falseAlarms.total << " answers taken for refusals");
    INFO("missed refusals:" << listed(misses.wrong));
    INFO("false alarms:" << listed(falseAlarms.wrong));
    CHECK(misses.wrong.size() <= kMaxMisses);
    CHECK(falseAlarms.wrong.size() <= kMaxFalseAlarms);
}

}  // namespace claude_proxy::plugins::test
