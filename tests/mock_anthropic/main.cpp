// mock-anthropic: a scriptable stand-in for the Anthropic Messages API, for the real claude CLI
// to talk to in tests and benchmarks. See README.md for the markers that script it.
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <pthread.h>
#include <csignal>
#include <iostream>

#include "command_line.hpp"
#include "handler_factory.hpp"
#include "server_state.hpp"

namespace {

constexpr int kMaxThreads = 64;

// Blocks the stop signals in this thread before any other thread exists, so every thread
// inherits the mask and sigwait() below is the only place they are delivered.
sigset_t blockStopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a vanished client must not kill the mock
    return signals;
}

int serve(const mock_anthropic::CommandLine& options, const sigset_t& stopSignals) {
    mock_anthropic::ServerState state;
    const Poco::Net::SocketAddress address(options.host, static_cast<Poco::UInt16>(options.port));
    Poco::Net::ServerSocket socket(address);

    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(4 * kMaxThreads);
    params->setKeepAlive(true);
    Poco::ThreadPool pool(2, kMaxThreads);
    Poco::Net::HTTPServer server(Poco::makeShared<mock_anthropic::HandlerFactory>(state), pool,
                                 socket, params);
    server.start();

    const std::string shownHost =
        options.host.find(':') == std::string::npos ? options.host : "[" + options.host + "]";
    std::cout << "mock-anthropic listening on http://" << shownHost << ":"
              << socket.address().port() << std::endl;

    int received = 0;
    sigwait(&stopSignals, &received);
    state.stopping = true;  // ends hangs, stalls and delays within ~20 ms
    server.stopAll(true);   // stop accepting and shut down open connections
    pool.joinAll();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const sigset_t stopSignals = blockStopSignals();
    std::string error;
    const auto options =
        mock_anthropic::parseCommandLine(std::vector<std::string>(argv + 1, argv + argc), error);
    if (!options) {
        std::cerr << "mock-anthropic: " << error << "\n";
        return 2;
    }
    if (options->help) {
        std::cout << "usage: mock-anthropic [--port N] [--host 127.0.0.1]\n"
                     "Listens on loopback only; port 0 (the default) picks a free port.\n";
        return 0;
    }
    if (!mock_anthropic::isLoopbackHost(options->host)) {
        std::cerr << "mock-anthropic: refusing to listen on non-loopback host " << options->host
                  << "\n";
        return 2;
    }
    try {
        return serve(*options, stopSignals);
    } catch (const std::exception& failure) {
        std::cerr << "mock-anthropic: " << failure.what() << "\n";
        return 1;
    }
}
