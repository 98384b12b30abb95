# The sanitizers and the fuzzers, on everything built here: the test suite
# runs the instrumented binary, and any report fails the test that caused it
# (tests/sanitize/options.cpp gives a report its own exit status).
#
# TOUCH_SANITIZE is OFF, `address` (AddressSanitizer and
# UndefinedBehaviorSanitizer; ON means the same) or `thread`
# (ThreadSanitizer: the log is read on several threads). g++ or clang++;
# tests/hardening.sh runs the suite under each. TOUCH_FUZZ builds the libFuzzer
# targets in tests/fuzz (clang++ only) and implies `address`.
#
# Afterwards TOUCH_SANITIZE is OFF, address or thread, whichever the cache
# said; `if(TOUCH_SANITIZE)` asks "any sanitizer".
set(TOUCH_SANITIZE OFF CACHE STRING "Sanitizers: OFF, address (ASan and UBSan; ON is the same) or thread")
set_property(CACHE TOUCH_SANITIZE PROPERTY STRINGS OFF address thread)
option(TOUCH_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

string(TOLOWER "${TOUCH_SANITIZE}" sanitize)
if(sanitize MATCHES "^(on|yes|true|1|address)$")
  set(TOUCH_SANITIZE address)
elseif(sanitize STREQUAL "thread")
  set(TOUCH_SANITIZE thread)
elseif(NOT TOUCH_SANITIZE)
  set(TOUCH_SANITIZE OFF)
else()
  message(FATAL_ERROR "TOUCH_SANITIZE is OFF, address or thread, not '${TOUCH_SANITIZE}'")
endif()

if(TOUCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TOUCH_FUZZ needs clang: CXX=clang++ cmake -DTOUCH_FUZZ=ON ...")
  endif()
  if(TOUCH_SANITIZE STREQUAL "thread")
    message(FATAL_ERROR "TOUCH_FUZZ runs under AddressSanitizer, not with TOUCH_SANITIZE=thread")
  endif()
  set(TOUCH_SANITIZE address)
  # Coverage for the fuzzer in every object; the fuzz targets add libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=fuzzer-no-link)
endif()

if(TOUCH_SANITIZE STREQUAL "address")
  set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all)
elseif(TOUCH_SANITIZE STREQUAL "thread")
  set(sanitizers -fsanitize=thread)
endif()
if(TOUCH_SANITIZE)
  message(STATUS "Sanitizers: ${TOUCH_SANITIZE}")
  list(APPEND sanitizers -fno-omit-frame-pointer)
  add_compile_options(${sanitizers})
  add_link_options(${sanitizers})
  add_library(touch_sanitize_options OBJECT ${PROJECT_SOURCE_DIR}/tests/sanitize/options.cpp)
  link_libraries(touch_sanitize_options)
endif()
