#include "openai/random_id.hpp"

#include <random>

namespace claude_proxy::openai {

std::string randomId(std::string_view prefix, std::size_t length) {
    static constexpr char kAlphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
    std::string id(prefix);
    for (std::size_t i = 0; i < length; ++i) {
        id.push_back(kAlphabet[pick(generator)]);
    }
    return id;
}

}  // namespace claude_proxy::openai
