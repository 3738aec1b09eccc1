#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace claude_proxy::test_support {

// One row of /proc/net/tcp or /proc/net/tcp6: the ports of both ends, the TCP state and the
// socket's inode (0 for a connection no process holds any more, e.g. in TIME_WAIT).
struct TcpSocketRow {
    int localPort = 0;
    int remotePort = 0;
    int state = 0;  // 1 is ESTABLISHED
    std::uint64_t inode = 0;
};

// Reads one row of such a table; nullopt for the heading or anything else that is not a row.
// Pure.
std::optional<TcpSocketRow> parseTcpTableRow(std::string_view line);

// The inodes of the open TCP sockets (IPv4 and IPv6) whose local port is `localPort` and whose
// peer's port is `remotePort`, from this network namespace's tables.
std::vector<std::uint64_t> tcpSocketInodes(int localPort, int remotePort);

// The inodes of the sockets among the open descriptors of `pid` ("socket:[N]" links of
// /proc/<pid>/fd), sorted; empty when it is gone.
std::vector<std::uint64_t> socketInodesOf(pid_t pid);

// True when `pid` has a descriptor of socket `inode` open.
bool holdsSocket(pid_t pid, std::uint64_t inode);

// A process holding one end of a TCP connection, and that end's socket.
struct ConnectionOwner {
    pid_t pid = 0;
    std::uint64_t inode = 0;
};

// The first of `candidates` holding a descriptor of the TCP connection from `localPort` to
// `remotePort`, if any.
std::optional<ConnectionOwner> ownerOfConnection(const std::vector<pid_t>& candidates,
                                                 int localPort, int remotePort);

}  // namespace claude_proxy::test_support
