# claude_proxy_add_plugin(): builds one tool-call handler plugin the claude-proxy host can load.
#
#   claude_proxy_add_plugin(<name>
#       SOURCES <file>...               # required
#       [OUTPUT_DIRECTORY <dir>]        # where <name>.so is written
#       [INSTALL_DESTINATION <dir>]     # install(TARGETS ... LIBRARY DESTINATION <dir>)
#       [NO_INSTALL])                   # no install rule, even inside the claude-proxy tree
#
# Creates the MODULE library target <name> whose file is <name>.so (no "lib" prefix: the host
# loads every *.so in its plugin directories), compiled as C++17 or newer, with hidden symbol
# visibility (only the entry point the registration macro marks is exported, so two plugins
# never bind to each other's inline functions or templates), linked to ClaudeProxySDK::sdk.
# Add further sources, include directories or libraries with the usual target_* commands.
#
# Output directory: OUTPUT_DIRECTORY if given, else ${CLAUDE_PROXY_PLUGIN_OUTPUT_DIR} if set
# (the claude-proxy tree sets it to <build>/plugins), else CMake's default (the current binary
# directory).
#
# Installation: INSTALL_DESTINATION if given. Otherwise a plugin built inside the claude-proxy
# tree (CLAUDE_PROXY_PLUGIN_OUTPUT_DIR is set) installs to ${CLAUDE_PROXY_PLUGIN_INSTALL_DIR}
# (default lib/claude-proxy/plugins) unless NO_INSTALL is given; a plugin built elsewhere gets
# no install rule.
#
# Each target is also appended to the global property CLAUDE_PROXY_PLUGIN_TARGETS.
#
# This file is the same for our own plugins and for third parties: the SDK's CMakeLists.txt
# includes it in-tree, and ClaudeProxySDKConfig.cmake includes the installed copy.
include_guard(GLOBAL)

function(claude_proxy_add_plugin name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION"
        "SOURCES")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR
            "claude_proxy_add_plugin(${name}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "claude_proxy_add_plugin(${name}): SOURCES is required")
    endif()
    if(NOT TARGET ClaudeProxySDK::sdk)
        message(FATAL_ERROR "claude_proxy_add_plugin(${name}): ClaudeProxySDK::sdk is missing; "
            "use find_package(ClaudeProxySDK 1 REQUIRED) first")
    endif()
    # -z nodlopen (copied from hardened executable presets) makes a library unloadable with
    # dlopen(), which is the only way the host loads plugins.
    foreach(flags_var CMAKE_MODULE_LINKER_FLAGS CMAKE_SHARED_LINKER_FLAGS)
        if("${${flags_var}}" MATCHES "nodlopen")
            message(FATAL_ERROR "claude_proxy_add_plugin(${name}): ${flags_var} contains "
                "'nodlopen'; the host could not dlopen() the plugin")
        endif()
    endforeach()

    add_library(${name} MODULE ${arg_SOURCES})
    # Every plugin made here, for tools and tests that want to visit them all.
    set_property(GLOBAL APPEND PROPERTY CLAUDE_PROXY_PLUGIN_TARGETS ${name})
    target_link_libraries(${name} PRIVATE ClaudeProxySDK::sdk)
    target_compile_features(${name} PRIVATE cxx_std_17)
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        SUFFIX ".so"
        CXX_VISIBILITY_PRESET hidden
        C_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        POSITION_INDEPENDENT_CODE ON)

    if(arg_OUTPUT_DIRECTORY)
        set(output_dir "${arg_OUTPUT_DIRECTORY}")
    elseif(DEFINED CLAUDE_PROXY_PLUGIN_OUTPUT_DIR)
        set(output_dir "${CLAUDE_PROXY_PLUGIN_OUTPUT_DIR}")
    else()
        set(output_dir "")
    endif()
    if(output_dir)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${output_dir}")
    endif()

    if(arg_INSTALL_DESTINATION)
        install(TARGETS ${name} LIBRARY DESTINATION "${arg_INSTALL_DESTINATION}")
    elseif(DEFINED CLAUDE_PROXY_PLUGIN_OUTPUT_DIR AND NOT arg_NO_INSTALL)
        set(install_dir "lib/claude-proxy/plugins")
        if(CLAUDE_PROXY_PLUGIN_INSTALL_DIR)
            set(install_dir "${CLAUDE_PROXY_PLUGIN_INSTALL_DIR}")
        endif()
        install(TARGETS ${name} LIBRARY DESTINATION "${install_dir}")
    endif()
endfunction()
