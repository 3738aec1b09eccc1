#include "conversation/session_pool.hpp"

#include <spdlog/spdlog.h>

namespace claude_proxy::conversation {

SessionPool::SessionPool(PoolLimits limits, SessionFactory factory, PoolEventFn onEvent)
    : limits_(limits), factory_(std::move(factory)), onEvent_(std::move(onEvent)) {
    thread_ = std::thread([this] { run(); });
}

SessionPool::~SessionPool() {
    shutdown();
}

void SessionPool::event(const char* name, const char* what) const {
    if (onEvent_) {
        onEvent_(name, what);
    }
}

std::optional<SessionPool::LiveMatch> SessionPool::takeLive(const std::vector<Digest>& prefixes) {
    std::unique_ptr<CliSession> dead;
    std::optional<LiveMatch> match;
    {
        std::lock_guard lock(mutex_);
        // The longest kept prefix that still leaves at least one new message.
        for (std::size_t i = prefixes.size() - 1; i-- > 1;) {
            const auto found = live_.find(prefixes[i]);
            if (found == live_.end()) {
                continue;
            }
            auto session = std::move(found->second.session);
            order_.erase(found->second.order);
            live_.erase(found);
            // Ended from outside since the reaper last looked: of no use any more.
            if (session->process->alive()) {
                match = LiveMatch{std::move(session), i};
            } else {
                dead = std::move(session);
            }
            break;
        }
    }
    if (dead) {
        event("eviction", "dead");
        event("miss", "dead");
        dead->process->terminate(limits_.killGrace);
    }
    return match;
}

std::unique_ptr<CliSession> SessionPool::takeSpare() {
    std::unique_ptr<CliSession> spare;
    std::vector<std::unique_ptr<CliSession>> dead;
    {
        std::lock_guard lock(mutex_);
        while (!spares_.empty() && !spare) {
            auto candidate = std::move(spares_.front());
            spares_.erase(spares_.begin());
            if (candidate->process->alive()) {
                spare = std::move(candidate);
            } else {
                dead.push_back(std::move(candidate));
            }
        }
    }
    wake_.notify_all();  // start the next one
    for (std::size_t i = 0; i < dead.size(); ++i) {
        event("eviction", "dead");
    }
    endAll(dead);
    return spare;
}

void SessionPool::keep(const Digest& conversation, std::unique_ptr<CliSession> session) {
    std::vector<std::unique_ptr<CliSession>> ended;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || limits_.maxLive == 0 || !session->process->alive()) {
            ended.push_back(std::move(session));
        } else {
            session->lastUsed = Clock::now();
            session->residentBytes = session->process->residentBytes();
            if (const auto old = live_.find(conversation); old != live_.end()) {
                ended.push_back(std::move(old->second.session));  // the same conversation twice
                order_.erase(old->second.order);
                live_.erase(old);
            }
            order_.push_back(conversation);
            live_[conversation] = Entry{std::move(session), std::prev(order_.end())};
            while (live_.size() > limits_.maxLive || idleBytesLocked() > limits_.memoryBudget) {
                const char* reason = live_.size() > limits_.maxLive ? "lru" : "memory";
                auto oldest = popOldestLocked(reason);
                if (!oldest) {
                    break;
                }
                event("eviction", reason);
                ended.push_back(std::move(oldest));
            }
        }
    }
    endAll(ended);
}

std::unique_ptr<CliSession> SessionPool::popOldestLocked(const char*& reason) {
    if (!order_.empty()) {
        const auto found = live_.find(order_.front());
        order_.pop_front();
        auto session = std::move(found->second.session);
        live_.erase(found);
        return session;
    }
    if (!spares_.empty()) {
        reason = "memory";
        auto spare = std::move(spares_.back());
        spares_.pop_back();
        return spare;
    }
    return nullptr;
}

std::size_t SessionPool::idleBytesLocked() const {
    std::size_t total = 0;
    for (const auto& [digest, entry] : live_) {
        total += entry.session->residentBytes;
    }
    for (const auto& spare : spares_) {
        total += spare->residentBytes;
    }
    return total;
}

PoolSnapshot SessionPool::snapshot() const {
    std::lock_guard lock(mutex_);
    return PoolSnapshot{live_.size(), spares_.size(), idleBytesLocked()};
}

void SessionPool::endAll(std::vector<std::unique_ptr<CliSession>>& sessions) const {
    for (auto& session : sessions) {
        if (session && session->process) {
            session->process->terminate(limits_.killGrace);
        }
    }
    sessions.clear();
}

void SessionPool::shutdown() {
    std::vector<std::unique_ptr<CliSession>> ended;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    {
        std::lock_guard lock(mutex_);
        for (auto& [digest, entry] : live_) {
            ended.push_back(std::move(entry.session));
        }
        live_.clear();
        order_.clear();
        for (auto& spare : spares_) {
            ended.push_back(std::move(spare));
        }
        spares_.clear();
    }
    endAll(ended);
}

void SessionPool::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, limits_.reapInterval);
        if (stopping_) {
            break;
        }
        const auto now = Clock::now();
        std::vector<std::pair<std::unique_ptr<CliSession>, const char*>> ended;
        // Dead or idle too long: conversations.
        for (auto it = order_.begin(); it != order_.end();) {
            auto found = live_.find(*it);
            CliSession& session = *found->second.session;
            const bool dead = !session.process->alive();
            if (dead || now - session.lastUsed >= limits_.liveIdle) {
                ended.emplace_back(std::move(found->second.session), dead ? "dead" : "idle");
                live_.erase(found);
                it = order_.erase(it);
            } else {
                session.residentBytes = session.process->residentBytes();
                ++it;
            }
        }
        // Dead or too old: spares.
        for (auto it = spares_.begin(); it != spares_.end();) {
            CliSession& spare = **it;
            const bool dead = !spare.process->alive();
            if (dead || now - spare.createdAt >= limits_.spareMaxAge) {
                ended.emplace_back(std::move(*it), dead ? "dead" : "age");
                it = spares_.erase(it);
            } else {
                spare.residentBytes = spare.process->residentBytes();
                ++it;
            }
        }
        while (idleBytesLocked() > limits_.memoryBudget) {
            const char* reason = "memory";
            auto oldest = popOldestLocked(reason);
            if (!oldest) {
                break;
            }
            ended.emplace_back(std::move(oldest), reason);
        }
        const bool needSpare = spares_.size() < limits_.spares;
        lock.unlock();
        for (auto& [session, reason] : ended) {
            event("eviction", reason);
            session->process->terminate(limits_.killGrace);
        }
        ended.clear();
        if (needSpare) {
            try {
                auto spare = factory_();
                lock.lock();
                if (stopping_) {
                    lock.unlock();
                    spare->process->terminate(limits_.killGrace);
                    lock.lock();
                    continue;
                }
                spares_.push_back(std::move(spare));
                continue;  // locked
            } catch (const std::exception& error) {
                spdlog::warn("could not start a spare CLI process: {}", error.what());
            }
        }
        lock.lock();
    }
}

}  // namespace claude_proxy::conversation
