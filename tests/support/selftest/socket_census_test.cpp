// The /proc based socket census: rows of /proc/net/tcp, and which process holds a connection.
#include <doctest/doctest.h>
#include <unistd.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "support/child_process.hpp"
#include "support/env_list.hpp"
#include "support/http_client.hpp"
#include "support/socket_census.hpp"

namespace support = claude_proxy::test_support;

TEST_CASE("socket census: rows of /proc/net/tcp and /proc/net/tcp6") {
    CHECK_FALSE(support::parseTcpTableRow(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
        "timeout inode"));
    CHECK_FALSE(support::parseTcpTableRow(""));

    const auto v4 = support::parseTcpTableRow(
        "   3: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        "
        "0 123456 1 0000000000000000 20 4 30 10 -1");
    REQUIRE(v4);
    CHECK(v4->localPort == 0xA1B2);
    CHECK(v4->remotePort == 0x1F90);
    CHECK(v4->state == 1);
    CHECK(v4->inode == 123456);

    const auto v6 = support::parseTcpTableRow(
        "   0: 0000000000000000FFFF00000100007F:D431 0000000000000000FFFF00000100007F:0050 06 "
        "00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000");
    REQUIRE(v6);
    CHECK(v6->localPort == 0xD431);
    CHECK(v6->remotePort == 80);
    CHECK(v6->state == 6);  // TIME_WAIT: nobody holds it
    CHECK(v6->inode == 0);

    CHECK_FALSE(support::parseTcpTableRow(
        "   3: 0100007F:XYZ 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 0 0 1 1"));
}

TEST_CASE("socket census: finds the process holding one end of a loopback connection") {
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int serverPort = listener.address().port();
    support::ChildSpec spec;
    spec.argv = {"sleep", "30"};
    spec.environment = support::buildEnvironment({{"PATH", support::getEnv("PATH")}});
    support::ChildProcess bystander(spec);  // started before the connection: holds none of it

    int clientPort = 0;
    std::uint64_t inode = 0;
    {
        support::RawConnection client(serverPort);
        Poco::Net::StreamSocket accepted = listener.acceptConnection();
        clientPort = client.localPort();

        const auto inodes = support::tcpSocketInodes(clientPort, serverPort);
        REQUIRE(inodes.size() == 1);
        inode = inodes[0];
        CHECK(support::holdsSocket(::getpid(), inode));
        CHECK_FALSE(support::holdsSocket(bystander.pid(), inode));
        // The other end is another socket, with the ports the other way round.
        REQUIRE(support::tcpSocketInodes(serverPort, clientPort).size() == 1);
        CHECK(support::tcpSocketInodes(serverPort, clientPort)[0] != inode);

        const auto owner =
            support::ownerOfConnection({bystander.pid(), ::getpid()}, clientPort, serverPort);
        REQUIRE(owner);
        CHECK(owner->pid == ::getpid());
        CHECK(owner->inode == inode);
        CHECK_FALSE(support::ownerOfConnection({bystander.pid()}, clientPort, serverPort));
    }
    // Closed: no process holds that end any more.
    CHECK_FALSE(support::holdsSocket(::getpid(), inode));
    CHECK_FALSE(support::ownerOfConnection({::getpid()}, clientPort, serverPort));
}
