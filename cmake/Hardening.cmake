# The hardening of Debian's dpkg-buildflags (hardening=+all) for every build,
# so packages made from any build tree carry it (lintian's hardening-* tags;
# docs/packaging.md). Included after CommonConfig.
option(FACTORYVPN_HARDENING "Build with _FORTIFY_SOURCE, stack protector, relro and bindnow" ON)
if(FACTORYVPN_HARDENING AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(fvpn_common_config INTERFACE -fstack-protector-strong)
    # Fortify needs optimisation: without it glibc warns, and warnings may be errors.
    target_compile_definitions(fvpn_common_config INTERFACE
        $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:_FORTIFY_SOURCE=2>)
    target_link_options(fvpn_common_config INTERFACE LINKER:-z,relro LINKER:-z,now)
endif()
