# Run by cpack (CPACK_PRE_BUILD_SCRIPTS) on the staged, already stripped files:
# removes the .comment section (compiler version strings) from every ELF file,
# as dh_strip does, so lintian finds no binary-has-unneeded-section.
find_program(OBJCOPY objcopy REQUIRED)
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/*")
foreach(file IN LISTS staged)
    if(IS_SYMLINK "${file}")
        continue()
    endif()
    file(READ "${file}" magic LIMIT 4 HEX)
    if(magic STREQUAL "7f454c46")
        execute_process(COMMAND ${OBJCOPY} --remove-section=.comment --remove-section=.note "${file}"
            RESULT_VARIABLE failed)
        if(failed)
            message(FATAL_ERROR "objcopy failed on ${file}")
        endif()
    endif()
endforeach()
