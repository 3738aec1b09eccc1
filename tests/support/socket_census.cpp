#include "support/socket_census.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace claude_proxy::test_support {
namespace {

template <typename Number>
std::optional<Number> parseNumber(std::string_view text, int base) {
    Number value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// The port of an "<address in hex>:<port in hex>" field.
std::optional<int> portOf(std::string_view endpoint) {
    const std::size_t colon = endpoint.rfind(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const auto port = parseNumber<int>(endpoint.substr(colon + 1), 16);
    if (!port || *port > 0xFFFF) {
        return std::nullopt;
    }
    return port;
}

}  // namespace

std::optional<TcpSocketRow> parseTcpTableRow(std::string_view line) {
    // "sl: local remote st tx:rx tr:when retrnsmt uid timeout inode ..."
    std::istringstream fields{std::string(line)};
    std::string slot;
    std::string local;
    std::string remote;
    std::string state;
    std::string queues;
    std::string timer;
    std::string retransmits;
    std::string uid;
    std::string timeout;
    std::string inode;
    if (!(fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode) ||
        !slot.ends_with(':')) {
        return std::nullopt;
    }
    const auto localPort = portOf(local);
    const auto remotePort = portOf(remote);
    const auto stateValue = parseNumber<int>(state, 16);
    const auto inodeValue = parseNumber<std::uint64_t>(inode, 10);
    if (!localPort || !remotePort || !stateValue || !inodeValue) {
        return std::nullopt;
    }
    return TcpSocketRow{*localPort, *remotePort, *stateValue, *inodeValue};
}

std::vector<std::uint64_t> tcpSocketInodes(int localPort, int remotePort) {
    std::vector<std::uint64_t> inodes;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream file(table);
        std::string line;
        while (std::getline(file, line)) {
            const auto row = parseTcpTableRow(line);
            if (row && row->inode != 0 && row->localPort == localPort &&
                row->remotePort == remotePort) {
                inodes.push_back(row->inode);
            }
        }
    }
    return inodes;
}

std::vector<std::uint64_t> socketInodesOf(pid_t pid) {
    constexpr std::string_view kPrefix = "socket:[";
    std::vector<std::uint64_t> inodes;
    std::error_code error;
    const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        std::error_code linkError;
        const std::string target = std::filesystem::read_symlink(entry.path(), linkError).string();
        if (linkError || !target.starts_with(kPrefix) || !target.ends_with(']')) {
            continue;
        }
        const std::string_view digits =
            std::string_view(target).substr(kPrefix.size(), target.size() - kPrefix.size() - 1);
        if (const auto inode = parseNumber<std::uint64_t>(digits, 10)) {
            inodes.push_back(*inode);
        }
    }
    std::sort(inodes.begin(), inodes.end());
    return inodes;
}

bool holdsSocket(pid_t pid, std::uint64_t inode) {
    const auto held = socketInodesOf(pid);
    return std::binary_search(held.begin(), held.end(), inode);
}

std::optional<ConnectionOwner> ownerOfConnection(const std::vector<pid_t>& candidates,
                                                 int localPort, int remotePort) {
    const auto wanted = tcpSocketInodes(localPort, remotePort);
    if (wanted.empty()) {
        return std::nullopt;
    }
    for (const pid_t pid : candidates) {
        const auto held = socketInodesOf(pid);
        for (const std::uint64_t inode : wanted) {
            if (std::binary_search(held.begin(), held.end(), inode)) {
                return ConnectionOwner{pid, inode};
            }
        }
    }
    return std::nullopt;
}

}  // namespace claude_proxy::test_support
