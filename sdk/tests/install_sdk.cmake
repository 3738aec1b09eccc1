# Test fixture: installs the SDK component of a claude-proxy build tree into a fresh prefix, as
# a package would, and clears the consumer build directories of earlier runs.
#   cmake -DBUILD_DIR=<build tree> -DPREFIX=<prefix> -DCONSUMERS_DIR=<dir> -P install_sdk.cmake
foreach(var BUILD_DIR PREFIX CONSUMERS_DIR)
    if(NOT ${var})
        message(FATAL_ERROR "install_sdk.cmake: ${var} is required")
    endif()
endforeach()
file(REMOVE_RECURSE "${PREFIX}" "${CONSUMERS_DIR}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component sdk --prefix "${PREFIX}"
    RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install of the sdk component failed (${status})")
endif()
# Only the SDK: its headers and package, nothing of the server.
file(GLOB_RECURSE installed RELATIVE "${PREFIX}" "${PREFIX}/*")
foreach(file IN LISTS installed)
    if(NOT file MATCHES "^(include/claude_proxy/|lib[^/]*/(.+/)?cmake/ClaudeProxySDK/|share/doc/claude-proxy-sdk/)")
        message(FATAL_ERROR "the sdk component installed an unexpected file: ${file}")
    endif()
endforeach()
