# The project's warnings: every target of ours takes them from the INTERFACE
# target touch_warnings, and only from there.
#
# TOUCH_WARNINGS_AS_ERRORS is off by default, so that a newer compiler's new
# warning does not stop someone building a release; CI turns it on, so that
# no warning lands unnoticed.
option(TOUCH_WARNINGS_AS_ERRORS "Treat the project's warnings as errors (CI does)" OFF)

add_library(touch_warnings INTERFACE)
target_compile_options(touch_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(TOUCH_WARNINGS_AS_ERRORS)
  target_compile_options(touch_warnings INTERFACE -Werror)
endif()
