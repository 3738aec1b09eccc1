#include "app/environment.hpp"
#include "app/proxy_application.hpp"

int main(int argc, char** argv) {
    // Before any thread exists: termination signals are taken only by the main thread's wait.
    claude_proxy::app::prepareSignals();
    claude_proxy::app::ProxyApplication application;
    return application.run(argc, argv);
}
