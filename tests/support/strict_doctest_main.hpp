#pragma once
// The main() of every doctest executable, included by exactly one file of each. Unlike
// doctest's own, it fails a run whose filters selected no test case at all: CTest runs each
// case by name, and a name that does not survive the trip (CMake splits names at ';') would
// otherwise run nothing and pass.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

namespace claude_proxy::test_support {

// Remembers how many test cases the filters let through; reports nothing itself.
class SelectionCounter : public doctest::IReporter {
  public:
    explicit SelectionCounter(const doctest::ContextOptions&) {}
    static unsigned& selected() {
        static unsigned count = 0;
        return count;
    }
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        selected() = stats.numTestCasesPassingFilters;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

}  // namespace claude_proxy::test_support

REGISTER_LISTENER("selection_counter", 1, claude_proxy::test_support::SelectionCounter);

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit()) {
        return result;  // --list-test-cases, --help and the like
    }
    if (result == 0 && claude_proxy::test_support::SelectionCounter::selected() == 0) {
        std::fputs("no test case matched the filters: nothing was tested\n", stderr);
        return 1;
    }
    return result;
}
