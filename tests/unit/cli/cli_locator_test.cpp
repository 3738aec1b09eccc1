#include "cli/cli_locator.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "cli_test_support.hpp"

using claude_proxy::cli::locateExecutable;
using claude_proxy::cli::probeVersion;
using claude_proxy::cli::test::TempDir;

TEST_CASE("locateExecutable: PATH search skips non-executables and directories") {
    TempDir first;
    TempDir second;
    TempDir third;
    // `claude` in the first entry is a directory, in the second a plain file, in the third
    // the real executable.
    std::filesystem::create_directory(first.path() + "/claude");
    second.writeFile("claude", "not a program", 0644);
    const std::string exe = third.writeFile("claude", "#!/bin/sh\necho hi\n", 0755);

    const std::string path = first.path() + "::" + second.path() + ":" + third.path() + "/";
    const auto found = locateExecutable("claude", path);
    REQUIRE(found.has_value());
    CHECK(*found == exe);

    CHECK_FALSE(locateExecutable("claude", first.path() + ":" + second.path()).has_value());
    CHECK_FALSE(locateExecutable("claude", "").has_value());
    CHECK_FALSE(locateExecutable("", third.path()).has_value());
    CHECK_FALSE(locateExecutable("nothing-here", third.path()).has_value());
}

TEST_CASE("locateExecutable: a value with '/' is a path") {
    TempDir dir;
    const std::string exe = dir.writeFile("claude", "#!/bin/sh\n", 0700);
    const std::string plain = dir.writeFile("plain", "x", 0600);
    std::filesystem::create_directory(dir.path() + "/sub");

    CHECK(locateExecutable(exe, "").value_or("") == exe);
    CHECK(locateExecutable(dir.path() + "/./claude", "/nowhere").value_or("") == exe);
    CHECK_FALSE(locateExecutable(plain, "").has_value());
    CHECK_FALSE(locateExecutable(dir.path() + "/sub", "").has_value());
    CHECK_FALSE(locateExecutable(dir.path() + "/missing", "").has_value());

    // A relative path is made absolute against the current directory.
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    const auto relative = locateExecutable("./claude", "");
    std::filesystem::current_path(cwd);
    CHECK(relative.value_or("") == exe);
}

TEST_CASE("probeVersion: first line, trimmed, nullopt on failure") {
    TempDir dir;
    const std::map<std::string, std::string> env = {
        {"PATH", "/usr/bin:/bin"}, {"HOME", dir.path()}, {"SECRET_TOKEN", "x"}};
    const std::string good = dir.writeFile("claude",
                                           "#!/bin/sh\n[ \"$1\" = --version ] || exit 3\n"
                                           "[ -z \"$SECRET_TOKEN\" ] || exit 4\n"
                                           "echo '  2.1.330 (Claude Code)  '\necho second line\n",
                                           0755);
    CHECK(probeVersion(good, env).value_or("") == "2.1.330 (Claude Code)");

    const std::string failing = dir.writeFile("failing", "#!/bin/sh\necho 1.0\nexit 1\n", 0755);
    CHECK_FALSE(probeVersion(failing, env).has_value());

    const std::string silent = dir.writeFile("silent", "#!/bin/sh\necho\n", 0755);
    CHECK_FALSE(probeVersion(silent, env).has_value());

    CHECK_FALSE(probeVersion(dir.path() + "/missing", env).has_value());
}
