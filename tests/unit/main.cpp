#include "../support/strict_doctest_main.hpp"
