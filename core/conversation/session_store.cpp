#include "conversation/session_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>

namespace claude_proxy::conversation {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kDigestBytes = 32;
constexpr std::string_view kSuffix = ".jsonl";

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<Digest> fromHex(std::string_view hex) {
    if (hex.size() != kDigestBytes * 2) {
        return std::nullopt;
    }
    Digest digest;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hexValue(hex[i]);
        const int low = hexValue(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        digest.push_back(static_cast<char>(high * 16 + low));
    }
    return digest;
}

WallClock::time_point modifiedAt(const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
        return WallClock::now();
    }
    return WallClock::from_time_t(info.st_mtime);
}

}  // namespace

std::string storedFileName(const Digest& digest, const std::string& sessionId) {
    return shortHex(digest, kDigestBytes) + "." + sessionId + std::string(kSuffix);
}

std::optional<std::pair<Digest, std::string>> parseStoredFileName(std::string_view name) {
    if (!name.ends_with(kSuffix)) {
        return std::nullopt;
    }
    name.remove_suffix(kSuffix.size());
    const auto dot = name.find('.');
    if (dot == std::string_view::npos) {
        return std::nullopt;
    }
    auto digest = fromHex(name.substr(0, dot));
    const auto sessionId = name.substr(dot + 1);
    if (!digest || !isSessionId(sessionId)) {
        return std::nullopt;
    }
    return std::make_pair(std::move(*digest), std::string(sessionId));
}

bool isSessionId(std::string_view text) {
    static constexpr std::array<std::size_t, 4> kDashes = {8, 13, 18, 23};
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = std::find(kDashes.begin(), kDashes.end(), i) != kDashes.end();
        if (dash ? text[i] != '-' : hexValue(text[i]) < 0) {
            return false;
        }
    }
    return true;
}

std::string newSessionId() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::array<unsigned char, 16> bytes{};
    for (auto& byte : bytes) {
        byte = static_cast<unsigned char>(generator() & 0xff);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
    const std::string hex = shortHex(Digest(bytes.begin(), bytes.end()), bytes.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string projectFolderName(std::string_view cwd) {
    std::string name(cwd);
    for (char& c : name) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            c = '-';
        }
    }
    return name;
}

bool looksLikeTranscript(std::string_view text) {
    if (text.empty() || text.back() != '\n') {
        return false;
    }
    bool assistant = false;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty()) {
            continue;
        }
        if (line.front() != '{' || line.back() != '}') {
            return false;
        }
        if (!assistant && line.find(R"("role":"assistant")") != std::string_view::npos) {
            assistant = true;
        }
    }
    return assistant;
}

std::vector<Digest> overLimits(const std::vector<StoredSession>& entries, const StoreLimits& limits,
                               WallClock::time_point now) {
    std::vector<const StoredSession*> order;
    order.reserve(entries.size());
    for (const auto& entry : entries) {
        order.push_back(&entry);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return a->savedAt < b->savedAt; });
    std::uint64_t bytes = 0;
    for (const auto* entry : order) {
        bytes += entry->bytes;
    }
    std::size_t count = order.size();
    std::vector<Digest> dropped;
    for (const auto* entry : order) {
        const bool expired = now - entry->savedAt > limits.maxAge;
        if (!expired && count <= limits.maxSessions && bytes <= limits.maxBytes) {
            break;  // the rest are newer and fit
        }
        dropped.push_back(entry->digest);
        --count;
        bytes -= entry->bytes;
    }
    return dropped;
}

SessionStore::SessionStore(fs::path directory, StoreLimits limits)
    : directory_(std::move(directory)), limits_(limits) {
    std::error_code error;
    fs::create_directories(directory_, error);
    if (error || ::chmod(directory_.c_str(), 0700) != 0) {
        throw std::runtime_error("cannot create the session directory " + directory_.string() +
                                 (error ? ": " + error.message() : std::string()));
    }
    for (const auto& item : fs::directory_iterator(directory_, error)) {
        const auto parsed = parseStoredFileName(item.path().filename().string());
        std::error_code sizeError;
        const auto size = item.is_regular_file(sizeError) ? item.file_size(sizeError) : 0;
        if (!parsed || sizeError) {
            continue;  // not ours (a half-written copy ends in .tmp): left alone
        }
        StoredSession entry{parsed->first, parsed->second, size, modifiedAt(item.path())};
        if (const auto old = entries_.find(entry.digest); old != entries_.end()) {
            fs::remove(directory_ / storedFileName(old->first, old->second.sessionId), error);
        }
        entries_[entry.digest] = std::move(entry);
    }
    std::lock_guard lock(mutex_);
    enforceLocked();
}

std::optional<SessionStore::Found> SessionStore::find(const std::vector<Digest>& prefixes) {
    std::lock_guard lock(mutex_);
    const auto now = WallClock::now();
    for (std::size_t i = prefixes.size() - 1; i-- > 1;) {
        const auto found = entries_.find(prefixes[i]);
        if (found == entries_.end()) {
            continue;
        }
        if (now - found->second.savedAt > limits_.maxAge) {
            removeLocked(found->first);
            continue;
        }
        const auto& entry = found->second;
        return Found{i, entry.digest, entry.sessionId,
                     directory_ / storedFileName(entry.digest, entry.sessionId)};
    }
    return std::nullopt;
}

bool SessionStore::intact(const Found& found) const {
    std::ifstream in(found.file, std::ios::binary);
    if (!in) {
        return false;
    }
    std::string text;
    text.resize(static_cast<std::size_t>(limits_.maxBytes));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return in.eof() && looksLikeTranscript(text);
}

bool SessionStore::save(const Digest& conversation, const std::string& sessionId,
                        const fs::path& transcript) {
    if (!isSessionId(sessionId)) {
        return false;
    }
    const fs::path target = directory_ / storedFileName(conversation, sessionId);
    const fs::path partial = fs::path(target.string() + ".tmp");
    std::error_code error;
    fs::copy_file(transcript, partial, fs::copy_options::overwrite_existing, error);
    if (!error) {
        fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write, error);
    }
    std::uint64_t size = 0;
    if (!error) {
        size = fs::file_size(partial, error);
    }
    if (!error) {
        fs::rename(partial, target, error);
    }
    if (error) {
        spdlog::warn("could not keep the transcript of session {}: {}", sessionId, error.message());
        fs::remove(partial, error);
        return false;
    }
    std::lock_guard lock(mutex_);
    // An earlier turn of the same session is a prefix of this one: of no further use.
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.sessionId == sessionId && it->first != conversation) {
            const auto digest = (it++)->first;
            removeLocked(digest);
        } else {
            ++it;
        }
    }
    entries_[conversation] = StoredSession{conversation, sessionId, size, WallClock::now()};
    enforceLocked();
    return true;
}

void SessionStore::forget(const Digest& conversation) {
    std::lock_guard lock(mutex_);
    removeLocked(conversation);
}

std::size_t SessionStore::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::uint64_t SessionStore::bytes() const {
    std::lock_guard lock(mutex_);
    std::uint64_t total = 0;
    for (const auto& [digest, entry] : entries_) {
        total += entry.bytes;
    }
    return total;
}

void SessionStore::removeLocked(const Digest& digest) {
    const auto found = entries_.find(digest);
    if (found == entries_.end()) {
        return;
    }
    std::error_code error;
    fs::remove(directory_ / storedFileName(found->first, found->second.sessionId), error);
    entries_.erase(found);
}

void SessionStore::enforceLocked() {
    std::vector<StoredSession> all;
    all.reserve(entries_.size());
    for (const auto& [digest, entry] : entries_) {
        all.push_back(entry);
    }
    for (const auto& digest : overLimits(all, limits_, WallClock::now())) {
        removeLocked(digest);
    }
}

}  // namespace claude_proxy::conversation
