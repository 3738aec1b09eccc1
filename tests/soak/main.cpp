// claude_proxy_soak: the load-and-fault run. Starts the mock Anthropic API and claude-proxy
// with the real claude CLI on loopback, drives a mix of ordinary and faulty requests at it from
// many clients, and checks that every answer is a 200 or a documented error, that nothing hangs,
// that /health stays quick, and that no process, descriptor or memory is left behind.
#include <exception>
#include <iostream>
#include <stdexcept>

#include "soak_options.hpp"
#include "soak_report.hpp"
#include "soak_run.hpp"
#include "support/sigpipe_guard.hpp"

int main(int argc, char** argv) {
    using namespace claude_proxy::soak;
    SoakOptions options;
    try {
        options = parseSoakOptions(argc, argv);
    } catch (const std::invalid_argument& error) {
        std::cerr << "claude_proxy_soak: " << error.what() << "\n";
        return 2;
    }
    if (options.help) {
        std::cout << soakUsage();
        return 0;
    }
    claude_proxy::test_support::ignoreSigpipe();
    try {
        const SoakResult result = runSoak(options);
        return reportSoak(result, std::cout) ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "claude_proxy_soak: the run could not be set up: " << error.what() << "\n";
        return 2;
    }
}
