#pragma once

#include <map>
#include <string>
#include <vector>

#include <Poco/Util/ServerApplication.h>

namespace claude_proxy::app {

// The claude-proxy process: reads options, finds the CLI, serves HTTP until SIGTERM/SIGINT,
// then ends every CLI run still going.
class ProxyApplication : public Poco::Util::ServerApplication {
  protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

  private:
    void printHelp() const;

    std::map<std::string, std::string> flags_;
    bool helpRequested_ = false;
    bool versionRequested_ = false;
    bool checkRequested_ = false;
};

}  // namespace claude_proxy::app
