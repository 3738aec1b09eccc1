#include "support/spawned_server.hpp"

#include <regex>
#include <stdexcept>

namespace claude_proxy::test_support {

SpawnedServer::SpawnedServer(std::vector<std::string> argv, std::vector<std::string> environment,
                             std::chrono::milliseconds startTimeout, std::string workingDirectory) {
    ChildSpec spec;
    spec.argv = std::move(argv);
    spec.environment = std::move(environment);
    spec.workingDirectory = std::move(workingDirectory);
    spec.mergeStderr = true;
    child_ = std::make_unique<ChildProcess>(std::move(spec));

    static const std::regex kListening(R"(listening on http://127\.0\.0\.1:(\d+))");
    const auto port = child_->waitForMatch(kListening, startTimeout);
    if (!port) {
        const auto status = child_->waitForExit(std::chrono::milliseconds(0));
        const std::string state =
            status ? "it ended with " + status->describe() : "it is still running (killed now)";
        const std::string name = child_->spec().argv.front();
        std::string output = child_->stdoutText();
        child_.reset();
        throw std::runtime_error(name + " did not print 'listening on http://127.0.0.1:PORT'; " +
                                 state + ". Output:\n" + output);
    }
    port_ = std::stoi(*port);
}

}  // namespace claude_proxy::test_support
