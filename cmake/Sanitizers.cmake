# The sanitizers and the fuzzers, on everything built here: the test suite
# runs the instrumented binary, and any report fails the test that caused it
# (tests/sanitize/options.cpp gives a report its own exit status).
#
# ASan and UBSan on everything built here (g++ or clang++).
option(TOUCH_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# libFuzzer targets in tests/fuzz (clang++ only); implies TOUCH_SANITIZE.
option(TOUCH_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(TOUCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TOUCH_FUZZ needs clang: CXX=clang++ cmake -DTOUCH_FUZZ=ON ...")
  endif()
  set(TOUCH_SANITIZE ON)
  # Coverage for the fuzzer in every object; the fuzz targets add libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=fuzzer-no-link)
endif()
if(TOUCH_SANITIZE)
  set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${sanitizers})
  add_link_options(${sanitizers})
  add_library(touch_sanitize_options OBJECT ${PROJECT_SOURCE_DIR}/tests/sanitize/options.cpp)
  link_libraries(touch_sanitize_options)
endif()
