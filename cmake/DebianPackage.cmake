# The Debian package (`cpack` in the build folder), included after
# cmake/Install.cmake, whose completion scripts it installs under its own
# name. It is for a system that keeps coreutils' touch: the program is
# /usr/bin/touch-clients, its man pages and completions go by that name, and
# nothing replaces or shadows a file of coreutils. Whoever wants `touch due`
# opts in with `alias touch=touch-clients` in an interactive shell (touch(1),
# TWO NAMES). The package's files are the install component "deb": a plain
# `cmake --install` leaves them out (EXCLUDE_FROM_ALL), and the package holds
# nothing else. Its copyright, changelog and man pages are written here, from
# LICENSE and man/, so that the source tree needs no debian/ folder of its own.
set(TOUCH_DEB_MAINTAINER "touch maintainers <maintainers@touch.example.org>"
    CACHE STRING "Maintainer field of the Debian package (Name <address>)")
set(deb_name touch-clients)
set(deb_revision 1)
set(deb_release_date "Sun, 22 Nov 2026 12:00:00 +0000") # of this version; for the changelog
set(deb ${PROJECT_BINARY_DIR}/deb)
set(deb_doc share/doc/${deb_name})
file(MAKE_DIRECTORY ${deb})

# Writes a generated file only when its text changes, so that the gzip steps
# below rerun only then.
function(deb_write path text)
  if(EXISTS ${path})
    file(READ ${path} old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE ${path} "${text}")
endfunction()

# DEP-5 copyright, from LICENSE: its copyright line, and its terms with each
# line indented by a space and " ." for a blank one.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/LICENSE)
file(READ LICENSE licence)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]+)" _ "${licence}")
set(deb_copyright "${CMAKE_MATCH_1}")
string(FIND "${licence}" "Permission is hereby granted" terms_start)
string(SUBSTRING "${licence}" ${terms_start} -1 terms)
string(STRIP "${terms}" terms)
string(REPLACE "\n\n" "\n.\n" terms "${terms}")
string(REPLACE "\n" "\n " terms "${terms}")
deb_write(${deb}/copyright "\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ${PROJECT_NAME}
Upstream-Contact: ${TOUCH_DEB_MAINTAINER}

Files: *
Copyright: ${deb_copyright}
License: Expat
 ${terms}
")

# changelog.Debian: one entry for this version.
deb_write(${deb}/changelog.Debian "\
${deb_name} (${PROJECT_VERSION}-${deb_revision}) unstable; urgency=medium

  * Package touch ${PROJECT_VERSION} as touch-clients, so that coreutils'
    touch(1) stays the system's touch; `alias touch=touch-clients` gives
    interactive shells the short name.
  * The program links libstdc++ and libgcc statically (every command then
    starts with a third of the instructions); a security update of
    libstdc++6 reaches it only when this package is rebuilt. Its modules in
    /usr/lib/touch use the shared libstdc++.

 -- ${TOUCH_DEB_MAINTAINER}  ${deb_release_date}
")

# The man pages under the package's name: their header, NAME and the pointer
# from each page to the other say touch-clients, so that none leads to
# coreutils' touch(1); the text is man/touch.1 and man/touch.5 unchanged.
set(deb_outputs ${deb}/changelog.Debian.gz)
foreach(section 1 5)
  set(source ${PROJECT_SOURCE_DIR}/man/touch.${section})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
  file(READ ${source} page)
  if(section EQUAL 1)
    set(other 5)
  else()
    set(other 1)
  endif()
  string(REPLACE ".TH TOUCH ${section} " ".TH TOUCH\\-CLIENTS ${section} " page "${page}")
  string(REPLACE "\n.SH NAME\ntouch \\-" "\n.SH NAME\ntouch\\-clients \\-" page "${page}")
  string(REPLACE "of touch(1)" "of touch\\-clients(1)" page "${page}")
  string(REPLACE ".BR touch (${other})" ".BR touch\\-clients (${other})" page "${page}")
  deb_write(${deb}/${deb_name}.${section} "${page}")
  list(APPEND deb_outputs ${deb}/${deb_name}.${section}.gz)
endforeach()

# Compressed as Debian wants: best compression, no name or time stamp.
foreach(output ${deb_outputs})
  string(REGEX REPLACE "\\.gz$" "" input ${output})
  get_filename_component(name ${input} NAME)
  add_custom_command(OUTPUT ${output} COMMAND gzip -9nkf ${input} DEPENDS ${input}
                     COMMENT "Compressing ${name} for the Debian package")
endforeach()
add_custom_target(deb_files ALL DEPENDS ${deb_outputs})

# Stripped as dh_strip strips the programs of a Debian package.
install(PROGRAMS $<TARGET_FILE:touch> DESTINATION bin RENAME ${deb_name}
        COMPONENT deb EXCLUDE_FROM_ALL)
install(CODE "execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded
                --remove-section=.comment --remove-section=.note
                \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/${deb_name}\"
              COMMAND_ERROR_IS_FATAL ANY)"
        COMPONENT deb EXCLUDE_FROM_ALL)
# The modules (import calls and mail; import ics; settings.timezone) in /usr/lib/touch,
# where /usr/bin/touch-clients looks for them; private modules, not libraries of
# the system's: no soname, nothing for ldconfig. CPack still calls ldconfig
# from postinst and postrm for any shared object under /usr/lib/*/ (and a
# postinst of our own without it would be an empty one, which lintian warns
# of too): the override says the call is CPack's, and harmless.
deb_write(${deb}/lintian-overrides "\
# CPack calls ldconfig for the private modules in /usr/lib/touch/.
${deb_name}: maintscript-calls-ldconfig
")
install(FILES ${deb}/lintian-overrides DESTINATION share/lintian/overrides RENAME ${deb_name}
        COMPONENT deb EXCLUDE_FROM_ALL)
foreach(module touch-readers touch-calendar touch-zone)
  install(FILES $<TARGET_FILE:${module}> DESTINATION lib/touch COMPONENT deb EXCLUDE_FROM_ALL)
  install(CODE "execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded
                  --remove-section=.comment --remove-section=.note
                  \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/touch/${module}.so\"
                COMMAND_ERROR_IS_FATAL ANY)"
          COMPONENT deb EXCLUDE_FROM_ALL)
endforeach()
install(FILES ${deb}/${deb_name}.1.gz DESTINATION share/man/man1 COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${deb}/${deb_name}.5.gz DESTINATION share/man/man5 COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${deb}/copyright ${deb}/changelog.Debian.gz DESTINATION ${deb_doc}
        COMPONENT deb EXCLUDE_FROM_ALL)
install(DIRECTORY examples/ DESTINATION ${deb_doc}/examples COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${completions}/touch DESTINATION share/bash-completion/completions
        RENAME ${deb_name} COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${completions}/_touch DESTINATION share/zsh/vendor-completions
        RENAME _${deb_name} COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${completions}/touch.fish DESTINATION share/fish/vendor_completions.d
        RENAME ${deb_name}.fish COMPONENT deb EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${deb_name})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${deb_revision})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TOUCH_DEB_MAINTAINER}")
set(CPACK_PACKAGE_CONTACT "${TOUCH_DEB_MAINTAINER}")
# The summary line is the project's DESCRIPTION; this is the extended one.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
touch-clients keeps small-business owners in personal touch with their
clients: a visit now and then, a phone call, a handwritten note, through the
channel each client prefers, on a rhythm the owner chooses. A TOML file says
who the clients are, how each likes to be reached and how often; a plain-text
log records what happened, one line per interaction. Each morning
`touch-clients due` says who should get a call, a note or a visit, honouring
preferences, follow-ups, daily capacity and birthdays.

The program is installed as touch-clients and leaves coreutils' touch alone.
With `alias touch=touch-clients` in an interactive shell, `touch due` works
too, and anything that is not one of its commands (`touch file.txt`) is
handed to coreutils' touch.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "default-mta | mail-transport-agent")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Only the component "deb": the project's default install is not packaged.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};deb;/")
include(CPack)
