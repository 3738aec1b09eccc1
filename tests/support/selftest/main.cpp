#include "../strict_doctest_main.hpp"
