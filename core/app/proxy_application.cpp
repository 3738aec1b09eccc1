#include "app/proxy_application.hpp"

#include <csignal>
#include <iostream>

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <spdlog/spdlog.h>

#include "app/config_location.hpp"
#include "app/configuration.hpp"
#include "app/environment.hpp"
#include "app/exposure.hpp"
#include "app/plugin_directories.hpp"
#include "app/server_runtime.hpp"
#include "app/settings.hpp"

#ifndef CLAUDE_PROXY_VERSION
#define CLAUDE_PROXY_VERSION "0.0.0"
#endif

namespace claude_proxy::app {
namespace {

// False (after saying why on stderr) when the host is reachable from other machines and no API
// key protects it; a loud warning when that was allowed explicitly.
bool mayListen(const Configuration& configuration) {
    const Settings& settings = configuration.settings;
    switch (assessExposure(settings.host, !configuration.apiKeys.empty(),
                           settings.allowUnauthenticated)) {
        case Exposure::Refused:
            std::cerr << "claude-proxy: refusing to listen on " << settings.host
                      << " without API keys: anyone who can reach it could use your Claude "
                         "account; set api-keys or api-key-file, listen on 127.0.0.1, or pass "
                         "--allow-unauthenticated\n";
            return false;
        case Exposure::Unprotected:
            std::cerr << "claude-proxy: WARNING: listening on " << settings.host
                      << " WITHOUT API KEYS (--allow-unauthenticated): anyone who can reach this "
                         "address can use your Claude account\n";
            return true;
        case Exposure::Local:
        case Exposure::Protected:
            return true;
    }
    return false;
}

}  // namespace

void ProxyApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "print this help and exit")
                          .required(false)
                          .repeatable(false));
    options.addOption(Poco::Util::Option("version", "v", "print the version and exit")
                          .required(false)
                          .repeatable(false));
    options.addOption(
        Poco::Util::Option("check", "", "check the setup, print it, and exit (0: healthy)")
            .required(false)
            .repeatable(false));
    options.addOption(Poco::Util::Option(kConfigFlag, "", "configuration file to read")
                          .required(false)
                          .repeatable(false)
                          .argument("file"));
    for (const auto& info : optionTable()) {
        options.addOption(Poco::Util::Option(info.key, "", info.description)
                              .required(false)
                              .repeatable(false)
                              .argument("value", !info.isSwitch));
    }
}

void ProxyApplication::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        helpRequested_ = true;
        stopOptionsProcessing();
    } else if (name == "version") {
        versionRequested_ = true;
        stopOptionsProcessing();
    } else if (name == "check") {
        checkRequested_ = true;
    } else {
        const OptionInfo* info = findOption(name);
        // A switch given without a value ("--allow-unauthenticated") means true.
        flags_[name] = value.empty() && info != nullptr && info->isSwitch ? "true" : value;
    }
}

void ProxyApplication::printHelp() const {
    std::cout << "claude-proxy " << CLAUDE_PROXY_VERSION
              << ": an OpenAI-compatible API in front of the claude CLI\n\n"
              << "usage: claude-proxy [--option=value ...]\n\n"
              << "  --help, -h          print this help and exit\n"
              << "  --version, -v       print the version and exit\n"
              << "  --check             check the CLI (found, logged in), the plugins and the\n"
              << "                      configuration, print them, and exit: 0 when healthy\n"
              << "  --" << kConfigFlag << "=FILE\n      configuration file (key = value lines)"
              << "\n      environment: " << kConfigEnvVar << "   default: the first that exists of "
              << joined(defaultConfigPaths(runningExecutablePath())) << "\n";
    for (const auto& info : optionTable()) {
        std::cout << "  --" << info.key << (info.isSwitch ? "[=true|false]" : "=VALUE")
                  << "\n      " << info.description << "\n      environment: " << info.envVar
                  << "   default: " << (info.defaultValue.empty() ? "(none)" : info.defaultValue)
                  << "\n";
    }
    std::cout << "\nIn the configuration file each option is a line 'key = value', the key being "
                 "the flag's name\n(e.g. 'max-concurrency = 4'). Flags override environment "
                 "variables, which override\nthe configuration file, which overrides the "
                 "defaults.\n";
}

int ProxyApplication::main(const std::vector<std::string>& args) {
    if (helpRequested_) {
        printHelp();
        return EXIT_OK;
    }
    if (versionRequested_) {
        std::cout << "claude-proxy " << CLAUDE_PROXY_VERSION << "\n";
        return EXIT_OK;
    }
    if (!args.empty()) {
        std::cerr << "claude-proxy: unexpected argument '" << args.front()
                  << "' (options take the form --name=value; see --help)\n";
        return EXIT_USAGE;
    }

    const auto environment = processEnvironment();
    Configuration configuration;
    try {
        configuration = resolveConfiguration(environment, flags_);
    } catch (const SettingsError& error) {
        std::cerr << "claude-proxy: " << error.what() << "\n";
        return EXIT_USAGE;
    }
    if (!checkRequested_ && !mayListen(configuration)) {
        return EXIT_USAGE;
    }
    configureLogging(checkRequested_ ? "warn" : configuration.settings.logLevel,
                     configuration.settings.logFormat);

    std::unique_ptr<ServerRuntime> runtime;
    try {
        runtime = std::make_unique<ServerRuntime>(configuration, environment);
    } catch (const std::invalid_argument& error) {
        std::cerr << "claude-proxy: " << error.what() << "\n";
        return EXIT_USAGE;
    }
    if (checkRequested_) {
        return runtime->check(std::cout) ? EXIT_OK : EXIT_UNAVAILABLE;
    }
    return runtime->serve([this] { waitForTerminationRequest(); });
}

}  // namespace claude_proxy::app
