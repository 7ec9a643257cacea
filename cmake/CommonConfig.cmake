# One INTERFACE target that every Factory VPN target links to: language level,
# warnings and the Qt strictness defines (the approach of qBittorrent's CommonConfig.cmake).
add_library(fvpn_common_config INTERFACE)
add_library(FactoryVPN::CommonConfig ALIAS fvpn_common_config)

target_compile_features(fvpn_common_config INTERFACE cxx_std_20)
target_compile_options(fvpn_common_config INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
    $<$<BOOL:${FACTORYVPN_WERROR}>:-Werror>)
target_compile_definitions(fvpn_common_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    FACTORYVPN_VERSION="${PROJECT_VERSION}")

# Sanitizers (docs/security.md): -DFACTORYVPN_SANITIZE=address,undefined builds every
# target with them. Any finding stops the program (no recovery), so a test cannot
# pass over one.
if(FACTORYVPN_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "FACTORYVPN_FUZZ needs clang for libFuzzer: configure with CXX=clang++-14 "
                            "(scripts/fuzz.sh does)")
    endif()
    if(NOT FACTORYVPN_SANITIZE)
        set(FACTORYVPN_SANITIZE "address,undefined")
    endif()
    # Coverage instrumentation in every library, so the fuzzers see inside them.
    target_compile_options(fvpn_common_config INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(FACTORYVPN_SANITIZE)
    target_compile_options(fvpn_common_config INTERFACE
        -fsanitize=${FACTORYVPN_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(fvpn_common_config INTERFACE -fsanitize=${FACTORYVPN_SANITIZE})
endif()
