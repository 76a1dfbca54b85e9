# migc_add_migrator(TARGET name DIR dir [NAME n] [DEFAULT_URL u]
#                   [URL_ENV var] [VERSION_TABLE t] [STATEMENT_LOCK_TIMEOUT d]
#                   [DIALECT d...] [STATIC])
#
# Adds the executable target `name`: the migrator of the migrations under
# `dir` (relative to the current source directory, or absolute). At build
# time `migc emit-c` turns the .mig files into C, which is compiled and
# linked with migc::runtime (and through it the SQLite archive installed
# with migc), the same executable `migc build` would write. Adding, editing
# or removing a .mig file rebuilds it; the options are those of
# `migc build` (NAME defaults to the target's name, so the default database
# is sqlite:///<name>.db). STATIC links it fully statically with
# migc::runtime_static, as `migc build --static` does: it runs on any Linux
# of its architecture with no C library installed, and serves SQLite only
# (PostgreSQL needs the dynamically linked migrator, which loads libpq).
#
# Needs migc::migc and migc::runtime (migc::runtime_static for STATIC),
# which find_package(migc) defines.
# Fails at configure time on a missing TARGET or DIR, or a DIR that does
# not exist; errors in the migrations fail the build, with migc's
# diagnostics.
function(migc_add_migrator)
  cmake_parse_arguments(PARSE_ARGV 0 arg "STATIC"
    "TARGET;DIR;NAME;DEFAULT_URL;URL_ENV;VERSION_TABLE;STATEMENT_LOCK_TIMEOUT" "DIALECT")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "migc_add_migrator: unrecognized arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET OR NOT arg_DIR)
    message(FATAL_ERROR "migc_add_migrator: TARGET and DIR are required")
  endif()
  if(NOT TARGET migc::migc OR NOT TARGET migc::runtime)
    message(FATAL_ERROR "migc_add_migrator: call find_package(migc) first")
  endif()
  get_filename_component(dir "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "migc_add_migrator: migrations directory \"${dir}\" does not exist")
  endif()
  if(NOT arg_NAME)
    set(arg_NAME ${arg_TARGET})
  endif()

  set(options --name ${arg_NAME})
  if(arg_DEFAULT_URL)
    list(APPEND options --default-url ${arg_DEFAULT_URL})
  endif()
  if(arg_URL_ENV)
    list(APPEND options --url-env ${arg_URL_ENV})
  endif()
  if(arg_VERSION_TABLE)
    list(APPEND options --version-table ${arg_VERSION_TABLE})
  endif()
  if(arg_STATEMENT_LOCK_TIMEOUT)
    list(APPEND options --statement-lock-timeout ${arg_STATEMENT_LOCK_TIMEOUT})
  endif()
  foreach(dialect IN LISTS arg_DIALECT)
    list(APPEND options --dialect ${dialect})
  endforeach()

  # CONFIGURE_DEPENDS: a new migration file re-runs the glob, so it joins
  # the dependencies without a manual re-configure.
  file(GLOB_RECURSE migs CONFIGURE_DEPENDS "${dir}/*.mig")
  set(c_file "${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}_migrations.c")
  add_custom_command(
    OUTPUT "${c_file}"
    COMMAND migc::migc emit-c "${dir}" -o "${c_file}" ${options}
    DEPENDS ${migs} migc::migc
    COMMENT "Generating the migrator ${arg_NAME} from ${arg_DIR}"
    VERBATIM)
  add_executable(${arg_TARGET} "${c_file}")
  # As `migc build` does, through migc::runtime's usage requirements: a
  # position-independent executable with full RELRO (STATIC: plainly
  # static, with full RELRO).
  if(arg_STATIC)
    if(NOT TARGET migc::runtime_static)
      message(FATAL_ERROR "migc_add_migrator: STATIC needs migc::runtime_static, which this migc does not provide")
    endif()
    # migc::runtime_static brings the link options that keep glibc's
    # dlopen out of the executable.
    target_link_libraries(${arg_TARGET} PRIVATE migc::runtime_static)
    target_link_options(${arg_TARGET} PRIVATE -static)
  else()
    target_link_libraries(${arg_TARGET} PRIVATE migc::runtime)
  endif()
endfunction()
