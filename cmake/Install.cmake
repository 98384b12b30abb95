# Installing, two ways (the README shows both side by side): this file for
# `cmake --install` and the completion scripts, which both ways install;
# cmake/DebianPackage.cmake for the package.
#
# `cmake --install` is for whoever wants this program as `touch` system-wide:
# the default prefix, /usr/local, puts bin/touch ahead of coreutils'
# /usr/bin/touch on the usual PATH without replacing it (the passthrough hands
# everything that is not one of our commands to /usr/bin/touch).
include(GNUInstallDirs)
install(TARGETS touch RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The modules (readers, calendar, time zone) where the binary looks for them, bin/../lib/touch
# (src/platform/module.cpp): lib/touch whatever GNUInstallDirs calls the
# library folder, the Debian package as well.
install(TARGETS touch-readers touch-calendar touch-zone LIBRARY DESTINATION lib/touch)
install(FILES man/touch.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/touch.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Completion scripts, written by the binary itself, where bash-completion,
# zsh and fish look under the prefix. One script serves both names, touch and
# touch-clients, and an alias touch=touch-clients.
set(completions ${PROJECT_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${completions}/touch ${completions}/_touch ${completions}/touch.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${completions}
  # Under make every `touch` is touch(1) (MAKELEVEL): this one is ours.
  COMMAND ${CMAKE_COMMAND} -E env --unset=MAKELEVEL $<TARGET_FILE:touch> completion bash > ${completions}/touch
  COMMAND ${CMAKE_COMMAND} -E env --unset=MAKELEVEL $<TARGET_FILE:touch> completion zsh > ${completions}/_touch
  COMMAND ${CMAKE_COMMAND} -E env --unset=MAKELEVEL $<TARGET_FILE:touch> completion fish > ${completions}/touch.fish
  DEPENDS touch
  COMMENT "Writing completion scripts")
add_custom_target(completions ALL
  DEPENDS ${completions}/touch ${completions}/_touch ${completions}/touch.fish)
install(FILES ${completions}/touch DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completions}/_touch DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES ${completions}/touch.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
